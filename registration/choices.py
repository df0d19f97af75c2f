"""Names beside codes on the registration pages and exports: countries (GB/T 2659, numeric), languages,
GB/T 2260 regions (province → city → county) and entity types, in the active language."""

from __future__ import annotations

import gettext as gettext_module
from functools import lru_cache

import pycountry
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from taxonomy.models import EntityType, Region
from taxonomy.names import localised_name, reader_is_chinese

HOME_COUNTRY = "156"
# Languages a contract text is realistically written in; the code is what the model stores.
LANGUAGE_CODES = ("zh", "en", "ja", "ko", "de", "fr", "ru", "es", "it", "pt", "ar", "nl", "sv", "th", "vi")


@lru_cache(maxsize=4)
def _catalogue(domain: str, chinese: bool):
    if not chinese:
        return gettext_module.NullTranslations()
    return gettext_module.translation(domain, pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)


@lru_cache(maxsize=2)
def _countries(chinese: bool) -> tuple[tuple[str, str], ...]:
    names = _catalogue("iso3166-1", chinese)
    rows = [(c.numeric, names.gettext(c.name)) for c in pycountry.countries]
    # China first (nearly every party), then by name.
    rows.sort(key=lambda row: (row[0] != HOME_COUNTRY, row[1]))
    return tuple(rows)


def country_name(code: str) -> str:
    return dict(_countries(reader_is_chinese())).get(code or "", "")


def country_choices() -> list[tuple[str, str]]:
    """(numeric code, "name (code)") for every ISO 3166-1 country, China first."""
    return [(code, f"{name} ({code})") for code, name in _countries(reader_is_chinese())]


def language_name(code: str) -> str:
    names = _catalogue("iso639-3", reader_is_chinese())
    language = pycountry.languages.get(alpha_2=code or "")
    # The catalogue lists synonyms ("中文; 汉语; 华语"); the first is the usual name.
    return names.gettext(language.name).split(";")[0].strip() if language else ""


def language_choices(current: str = "") -> list[tuple[str, str]]:
    codes = list(LANGUAGE_CODES)
    if current and current not in codes:
        codes.append(current)
    return [(code, f"{language_name(code) or code} ({code})") for code in codes]


def region_paths() -> dict[str, str]:
    """Every known region code → its path of names, "福建省 › 三明市 › 三元区"."""
    regions = {r.code: r for r in Region.objects.select_related("parent__parent")}
    paths = {}
    for code, region in regions.items():
        names, node = [], region
        while node is not None:
            names.append(node.name)
            node = node.parent
        paths[code] = " › ".join(reversed(names))
    return paths


def region_choices(current: str = "") -> list:
    """Grouped by province (province, its cities, their counties), each "name path (code)".

    A plain <select> with one group per province: it needs no script, the browser's type-ahead finds a
    name, and the code shows only beside the name.
    """
    paths = region_paths()
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in sorted(paths):
        groups.setdefault(code[:2], []).append((code, f"{paths[code]} ({code})"))
    choices: list = [("", "——")]
    for prefix, options in groups.items():
        province = paths.get(prefix + "0000", prefix)
        choices.append((province, options))
    if current and current not in paths:
        choices.append((str(_("其他")), [(current, current)]))
    return choices


def region_label(code: str, paths: dict[str, str] | None = None) -> str:
    """ "三明市 › 三元区 (350404)", or the bare code when the region is not in the table."""
    if not code:
        return ""
    paths = region_paths() if paths is None else paths
    return f"{paths[code]} ({code})" if code in paths else code


def entity_type_name(entity_type: EntityType | None) -> str:
    """The entity type's name in the active language: its stored English name, else the catalogue's."""
    if entity_type is None:
        return ""
    if not reader_is_chinese() and entity_type.name_en:
        return entity_type.name_en
    return gettext(entity_type.name)


def entity_type_label(entity_type: EntityType | None) -> str:
    return f"{entity_type_name(entity_type)} ({entity_type.code})" if entity_type else ""


# Entity-type names are stored in Chinese (taxonomy data); listed here so the catalogue carries their English.
ENTITY_TYPE_NAMES = (
    _("机关法人"),
    _("国家机关"),
    _("省级机关"),
    _("市级机关"),
    _("县级机关"),
    _("事业法人"),
    _("科研机构"),
    _("高等院校"),
    _("医疗卫生"),
    _("其他事业单位"),
    _("社团法人"),
    _("内资企业"),
    _("国有企业"),
    _("集体企业"),
    _("股份合作企业"),
    _("联营企业"),
    _("有限责任公司"),
    _("股份有限公司"),
    _("私营企业"),
    _("其他内资企业"),
    _("港澳台商投资企业"),
    _("合资经营企业(港澳台资)"),
    _("合作经营企业(港澳台资)"),
    _("港澳台商独资企业"),
    _("港澳台商投资股份有限公司"),
    _("外商投资企业"),
    _("中外合资经营企业"),
    _("中外合作经营企业"),
    _("外资企业"),
    _("外商投资股份有限公司"),
    _("自然人"),
)


def term_name(term) -> str:
    """A taxonomy term (technical field, IP type) by its name in the active language."""
    return localised_name(term)
