"""common/i18n.py: each site language's translation flattened to one catalogue answers exactly as Django's chain."""

from __future__ import annotations

import gettext as gettext_module

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from common.i18n import _groups, flatten, flatten_site_languages


def _keys(built) -> set:
    return {key for group in _groups(built) for layer, _rule in group for key in layer}


def _answers(built, keys) -> dict:
    answers = {}
    for key in keys:
        msgid = key[0] if isinstance(key, tuple) else key
        if not isinstance(msgid, str) or not msgid:
            continue
        answers[("gettext", msgid)] = built.gettext(msgid)
        for n in (0, 1, 2, 5, 21):
            answers[("ngettext", msgid, n)] = built.ngettext(msgid, msgid + " (plural)", n)
        if gettext_module.GNUTranslations.CONTEXT.split("%s")[1] in msgid:  # "context\x04msgid"
            context, _sep, message = msgid.partition("\x04")
            answers[("pgettext", msgid)] = built.pgettext(context, message)
            answers[("npgettext", msgid)] = built.npgettext(context, message, message + " (plural)", 2)
    for msgid in ("参考价", "没有这条消息", "Save", "%(count)s 项"):
        answers[("gettext", msgid)] = built.gettext(msgid)
    return answers


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_flattened_translation_answers_every_msgid_as_the_chain_did(language):
    chained = trans_real.DjangoTranslation(language)
    flat = trans_real.DjangoTranslation(language)
    keys = _keys(chained)
    assert len(keys) > 1000  # Django's, Wagtail's and the apps' catalogues were all read

    assert flatten(flat) is True

    assert flat._fallback is None
    assert _groups(flat) == [[(flat._catalog._catalogs[0], flat.plural)]]
    assert _answers(flat, keys) == _answers(chained, keys)


def test_zh_hans_had_the_long_chain_that_made_misses_slow():
    """What common/i18n.py is for: if Django or Wagtail stop building this chain, the module can go."""
    groups = _groups(trans_real.DjangoTranslation("zh-hans"))
    assert len(groups) > 5  # the generic zh catalogues of Wagtail's apps, one fallback each
    assert len(groups[0]) > 5  # the apps' catalogues kept apart in the TranslationCatalog


def test_a_later_plain_msgid_does_not_hide_an_earlier_plural_entry():
    first, second = gettext_module.GNUTranslations(), gettext_module.GNUTranslations()
    for built in (first, second):
        built.plural = lambda n: 0
    first._catalog = {("苹果", 0): "first's plural entry", "梨": "first's pear"}
    second._catalog = {"苹果": "second's plain entry", "梨": "second's pear", "桃": "second's peach"}
    top = trans_real.DjangoTranslation("zh-hans")
    top._catalog = trans_real.TranslationCatalog()
    top._catalog._plurals = [lambda n: 0]
    top.plural = lambda n: 0
    top._fallback = None
    top.add_fallback(first)
    first.add_fallback(second)
    before = {msgid: top.gettext(msgid) for msgid in ("苹果", "梨", "桃", "无")}

    assert flatten(top) is True

    assert (
        {msgid: top.gettext(msgid) for msgid in before}
        == before
        == {
            "苹果": "first's plural entry",
            "梨": "first's pear",
            "桃": "second's peach",
            "无": "无",
        }
    )


def test_a_chain_with_differing_plural_rules_is_left_alone():
    other = gettext_module.GNUTranslations()
    other._catalog, other.plural = {"x": "y"}, lambda n: int(n != 1)
    built = trans_real.DjangoTranslation("zh-hans")
    built.add_fallback(other)
    catalog = built._catalog

    assert flatten(built) is False

    assert built._catalog is catalog


@pytest.mark.django_db
def test_the_site_languages_are_flattened_once_a_request_has_started(client):
    trans_real._translations = {}  # as Django's setting_changed receiver and the .mo reloader do
    trans_real._default = None
    assert trans_real.translation("zh-hans")._fallback is not None

    client.get("/")

    for code in ("zh-hans", "en"):
        assert trans_real.translation(code)._fallback is None
    with translation.override("en"):
        assert translation.gettext("参考价") != "参考价"  # English catalogue still read
    flatten_site_languages()  # idempotent
    assert len(trans_real.translation("zh-hans")._catalog._catalogs) == 1
