"""One flat message catalogue per site language, so a ``gettext`` that finds nothing costs one dict lookup.

Why: the site's msgids are Chinese and the default language is zh-hans, so most lookups in zh-hans find nothing and
walk everything Django loaded for that language before returning the msgid. On Django 5.2 with Wagtail that is:

* about 20 separate dicts in the translation's ``TranslationCatalog``: Django keeps a catalogue apart when its plural
  function differs from the top one, and ``TranslationCatalog.update`` compares ``trans.plural.__code__`` with the
  top *function* (not its ``__code__``), so no app's catalogue is ever merged into another and each app adds a dict;
* then a chain of eleven ``gettext.GNUTranslations`` fallbacks: Python's gettext expands the locale ``zh_Hans`` to
  ``["zh_Hans", "zh"]``, so every app that ships both ``zh_Hans`` and generic ``zh`` catalogues (eleven Wagtail
  apps) loads its ``zh`` one as a fallback, and Django's ``DjangoTranslation.merge`` appends each app's fallback to
  the chain.

No setting or supported hook changes either (LOCALE_PATHS only adds catalogues). So, once per process, each site
language's translation object gets one dict holding what its catalogues and fallbacks would have answered, in the
same precedence, and no fallback. It is done only when every catalogue of the chain has the same plural rule (true
for zh-hans and en here), otherwise that language is left as Django built it. ``tests/common/test_i18n.py`` checks
that every msgid of every catalogue translates the same before and after, through gettext, ngettext and pgettext.

This touches two attributes of Django's translation object (``_catalog`` and ``_fallback``), in one function
below; if a Django upgrade changes their shape, ``flatten`` returns False and leaves the object alone, and the
test fails so the upgrade notices.
"""

from __future__ import annotations

import gettext as gettext_module
import logging
from types import SimpleNamespace

from django.conf import settings

logger = logging.getLogger(__name__)

# Plural rules are compared on these counts (gettext rules are arithmetic on n, n % 10 and n % 100).
_PLURAL_PROBE = range(0, 1001)


def _groups(translation) -> list[list[tuple[dict, object]]] | None:
    """The translation's lookup order: one group per object of the fallback chain, each a list of (dict, plural)."""
    from django.utils.translation.trans_real import TranslationCatalog

    groups = []
    current = translation
    while current is not None:
        catalog = getattr(current, "_catalog", None)
        if isinstance(catalog, TranslationCatalog):
            layers = getattr(catalog, "_catalogs", None)
            plurals = getattr(catalog, "_plurals", None)
            if not isinstance(layers, list) or not isinstance(plurals, list) or len(layers) != len(plurals):
                return None
            groups.append(list(zip(layers, plurals, strict=True)))
        elif isinstance(catalog, dict) and isinstance(current, gettext_module.GNUTranslations):
            groups.append([(catalog, current.plural)])
        elif type(current) is not gettext_module.NullTranslations:
            return None  # an object whose lookup we do not know: leave it alone
        current = getattr(current, "_fallback", None)
    return groups


def flatten(translation) -> bool:
    """Give ``translation`` (a ``DjangoTranslation``) one catalogue and no fallback, answering as before.

    Returns False, changing nothing, when the chain has differing plural rules or an unknown shape.
    """
    from django.utils.translation.trans_real import TranslationCatalog

    groups = _groups(translation)
    if not groups:
        return False
    plural = translation.plural
    expected = [plural(n) for n in _PLURAL_PROBE]
    if any([rule(n) for n in _PLURAL_PROBE] != expected for group in groups for _layer, rule in group):
        return False
    one = plural(1)
    flat: dict = {}
    for group in groups:
        # Within one object gettext looks for the plain msgid in all its catalogues, then for (msgid, plural(1));
        # only then does it ask the next object. So a plain msgid of a later object never hides a (msgid, plural)
        # entry of an earlier one, and the first object holding a key wins.
        merged: dict = {}
        for layer, _rule in group:
            for key, value in layer.items():
                merged.setdefault(key, value)
        for key, value in merged.items():
            if key in flat or (isinstance(key, str) and (key, one) in flat):
                continue
            flat[key] = value
    catalog = TranslationCatalog(SimpleNamespace(_catalog=flat, plural=plural))
    # Catalogue first, then the fallback: a lookup in between still gets the same answer.
    translation._catalog = catalog
    translation._fallback = None
    return True


_flattened = {"default": None}


def flatten_site_languages(**kwargs) -> None:
    """Flatten the cached translation of every language in LANGUAGES (and LANGUAGE_CODE); safe to call again.

    Connected to ``request_started``: after the first request it costs one dict lookup, and it flattens again
    when Django has rebuilt its translations (a changed setting in tests, a changed .mo under runserver).
    """
    if not settings.USE_I18N:
        return
    from django.utils.translation import trans_real

    if (
        _flattened["default"] is not None
        and trans_real._translations.get(settings.LANGUAGE_CODE) is _flattened["default"]
    ):
        return
    codes = [settings.LANGUAGE_CODE, *(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)]
    for code in codes:
        if not flatten(trans_real.translation(code)):
            logger.info("translation of %s left as Django built it (plural rules differ or unknown shape)", code)
    _flattened["default"] = trans_real.translation(settings.LANGUAGE_CODE)
