"""The bilingual domain glossary as a matcher: find the concepts a text mentions and expand it with their other forms.

One ``expand`` serves index time (listings) and query time (queries, needs) in both matchers, so a listing that
says 聚四氟乙烯 and a query that says PTFE meet on the same words. The compiled glossary is cached per process and
rebuilt when a term changes (a save or delete in this process clears it at once; other processes notice a change
within ``RECHECK_SECONDS``).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

RECHECK_SECONDS = 30.0
_LATIN = re.compile(r"^[\x00-\x7f]+$")


@dataclass(frozen=True)
class Concept:
    id: int
    zh: str
    en: str
    chain: str | None
    forms: tuple[str, ...]  # every surface form: Chinese term, English term, synonyms, abbreviations
    abbreviations: tuple[str, ...] = ()
    # Buyers' words for the problem the concept answers (漏水 for 防渗漏): evidence for the decline, not search forms.
    lay: tuple[str, ...] = ()
    # The kind this concept is one variant of (食用菌种类 for 香菇 and 金针菇); "" for none.
    family: str = ""

    def label(self) -> str:
        return f"{self.zh} / {self.en}" if self.en else self.zh


@dataclass
class Mention:
    """The concepts a text mentions, with the surface forms that mentioned them."""

    found: dict[int, set[str]] = field(default_factory=dict)

    @property
    def concept_ids(self) -> set[int]:
        return set(self.found)


@dataclass(frozen=True)
class VariantClash:
    """A need that names one variant of a kind and an offer that is about another (香菇 wanted, 金针菇 offered)."""

    family: str
    wanted: Concept
    wanted_form: str
    offered: Concept
    offered_form: str


class Glossary:
    """Compiled glossary. Chinese forms match as substrings; Latin forms match as whole words, abbreviations
    case-sensitively (so ``GO`` does not fire on "go"), English terms in any case. Longer forms win over their
    parts (锂离子电池 before 锂电)."""

    def __init__(self, concepts: list[Concept]):
        self.concepts = {c.id: c for c in concepts}
        self._form_to_id: dict[str, int] = {}
        self._abbr_to_id: dict[str, int] = {}
        cjk, latin, abbreviations = set(), set(), set()
        for concept in concepts:
            for form in concept.forms:
                if form in concept.abbreviations:
                    self._abbr_to_id.setdefault(form, concept.id)
                    abbreviations.add(form)
                elif _LATIN.match(form):
                    if _is_abbreviation(form):
                        self._abbr_to_id.setdefault(form, concept.id)
                        abbreviations.add(form)
                    else:
                        variants = [form.lower()]
                        if form.lower().endswith("y"):
                            variants.append(form.lower()[:-1] + "ies")  # battery → batteries
                        for variant in variants:
                            self._form_to_id.setdefault(variant, concept.id)
                            latin.add(variant)
                else:
                    self._form_to_id.setdefault(form.lower(), concept.id)
                    cjk.add(form.lower())
        # Chinese forms: a first-character index scanned left to right, longest form first (a regular expression
        # alternation of a thousand forms costs milliseconds per text; this costs microseconds).
        self._cjk_index: dict[str, list[str]] = {}
        for form in sorted(cjk, key=lambda f: (-len(f), f)):
            self._cjk_index.setdefault(form[0], []).append(form)
        # Latin forms: looked up as runs of up to MAX_WORDS words ("lithium ion battery"), English terms in lower
        # case, abbreviations exactly.
        self._latin_words = {_words_key(f): self._form_to_id[f] for f in latin}
        self._abbr_words = {_words_key(f, fold=False): self._abbr_to_id[f] for f in abbreviations}
        # The first word of every Latin key: a run can only match if its first token is one (a one-word plural,
        # "batteries", is checked by its singular), so ``mentions`` skips the other tokens without building runs.
        self._abbr_first = {key.split(" ")[0] for key in self._abbr_words}
        self._latin_first = {key.split(" ")[0] for key in self._latin_words}
        # Lay forms: a separate, smaller matcher (they never reach ``expansion``). A form that is also a concept's
        # search form stays a search form.
        self._lay_to_id: dict[str, int] = {}
        for concept in concepts:
            for form in concept.lay:
                key = form.lower()
                if key not in self._form_to_id:
                    self._lay_to_id.setdefault(key, concept.id)
        self._lay_cjk: dict[str, list[str]] = {}
        for form in sorted((f for f in self._lay_to_id if not _LATIN.match(f)), key=lambda f: (-len(f), f)):
            self._lay_cjk.setdefault(form[0], []).append(form)
        self._family: dict[int, str] = {c.id: c.family for c in concepts if c.family}
        # Every form of every member of each family, lower-cased: a headline that contains none of a family's forms
        # cannot name a member (``other_variants`` skips its scan).
        self._family_forms: dict[str, list[str]] = {}
        for concept in concepts:
            if concept.family:
                self._family_forms.setdefault(concept.family, []).extend(form.lower() for form in concept.forms)
        latin_lay = sorted((f for f in self._lay_to_id if _LATIN.match(f)), key=lambda f: (-len(f), f))
        self._lay_latin = re.compile(r"\b(" + "|".join(re.escape(f) for f in latin_lay) + r")\b") if latin_lay else None

    def mentions(self, text: str) -> Mention:
        found: dict[int, set[str]] = {}
        if not text or not self.concepts:
            return Mention(found)
        lowered = text.lower()
        i = 0
        while i < len(lowered):
            for form in self._cjk_index.get(lowered[i], ()):
                if lowered.startswith(form, i):
                    found.setdefault(self._form_to_id[form], set()).add(text[i : i + len(form)])
                    i += len(form)
                    break
            else:
                i += 1
        tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        i = 0
        while i < len(tokens):
            first = tokens[i][0]
            folded_first = first.lower()
            if (
                first not in self._abbr_first
                and folded_first not in self._latin_first
                and _singular(folded_first) not in self._latin_words
            ):
                i += 1
                continue
            hit = None
            for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
                run = tokens[i : i + n]
                exact = " ".join(t for t, _s, _e in run)
                concept_id = self._abbr_words.get(exact)
                if concept_id is None:
                    folded = exact.lower()
                    concept_id = self._latin_words.get(folded)
                    if concept_id is None:
                        singular = _singular(folded)
                        concept_id = self._latin_words.get(singular) if singular != folded else None
                if concept_id is not None:
                    hit = (concept_id, n, text[run[0][1] : run[-1][2]])
                    break
            if hit is None:
                i += 1
                continue
            found.setdefault(hit[0], set()).add(hit[2])
            i += hit[1]
        return Mention(found)

    def lay_mentions(self, text: str) -> Mention:
        """The concepts a text names in a buyer's words (its lay forms), with the forms found."""
        found: dict[int, set[str]] = {}
        if not text or not self._lay_to_id:
            return Mention(found)
        lowered = text.lower()
        i = 0
        while i < len(lowered):
            for form in self._lay_cjk.get(lowered[i], ()):
                if lowered.startswith(form, i):
                    found.setdefault(self._lay_to_id[form], set()).add(form)
                    i += len(form)
                    break
            else:
                i += 1
        if self._lay_latin is not None:
            for match in self._lay_latin.finditer(lowered):
                found.setdefault(self._lay_to_id[match.group(1)], set()).add(match.group(1))
        return Mention(found)

    def lay_bridges(self, need: Mention, achievement: Mention) -> list[tuple[Concept, str, str]]:
        """Concepts the need names in a buyer's words and the achievement names in any words (漏水 there, 防水卷材
        here): (concept, the need's lay form, the achievement's form). ``need`` comes from ``lay_mentions``,
        ``achievement`` from ``mentions`` and ``lay_mentions`` merged (see ``search.matching.facts``)."""
        out = []
        for cid in sorted(need.concept_ids & achievement.concept_ids):
            mine = {f.lower() for f in need.found[cid]}
            theirs = {f.lower() for f in achievement.found[cid]}
            if not mine & theirs:
                out.append((self.concepts[cid], sorted(need.found[cid])[0], sorted(achievement.found[cid])[0]))
        return out

    def families(self, mention: Mention) -> dict[str, set[int]]:
        """The variant families a text names members of, with those members."""
        out: dict[str, set[int]] = {}
        for cid in mention.found:
            family = self._family.get(cid)
            if family:
                out.setdefault(family, set()).add(cid)
        return out

    def other_variants(
        self, need_head: Mention, offer_headline: str, need_text: str, offer_text: str
    ) -> list[VariantClash]:
        """Kinds where the need's headline names one variant and the offer's headline another, neither text names
        the other side's, and the headlines share no other family member: the offer is about a sibling of what is
        asked (a 金针菇 strain for a 香菇 need).
        An offer that names the wanted variant anywhere, or a need that names the offered one (原来种金针菇,今年改种香菇),
        is no clash. The offer's headline is scanned only when it contains a form of a wanted family, the whole texts
        only when the headlines clash."""
        wanted_families = self.families(need_head)
        lowered = offer_headline.lower()
        if not any(form in lowered for family in wanted_families for form in self._family_forms[family]):
            return []
        offer_head = self.mentions(offer_headline)
        # Headlines that share a member of any family (青枯病, 衬板) name the same object in a sibling's setting: a wilt
        # remedy proven on 番茄 answers 辣椒's wilt, a liner for crushers a mill's liner. A shared topic word outside
        # the families (5G, 特医食品) is the neighbourhood, not the object, and does not lift the clash.
        if any(cid in self._family for cid in need_head.concept_ids & offer_head.concept_ids):
            return []
        offered_families = self.families(offer_head)
        clashes: list[VariantClash] = []
        need_all = offer_all = None
        for family, wanted in sorted(wanted_families.items()):
            offered = offered_families.get(family)
            if not offered:
                continue
            if need_all is None:
                need_all, offer_all = self.mentions(need_text).concept_ids, self.mentions(offer_text).concept_ids
            if wanted & offer_all or offered & need_all:
                continue
            w, o = min(wanted), min(offered)
            clashes.append(
                VariantClash(
                    family,
                    self.concepts[w],
                    sorted(need_head.found[w])[0],
                    self.concepts[o],
                    sorted(offer_head.found[o])[0],
                )
            )
        return clashes

    def expansion(self, text: str) -> str:
        """Every form of every concept the text mentions, joined by spaces (appended to the text's words)."""
        return self.expansion_of(self.mentions(text))

    def expansion_of(self, mention: Mention) -> str:
        """``expansion`` of a text whose mentions are already known (one scan of the text serves both)."""
        return " ".join(form for cid in sorted(mention.found) for form in self.concepts[cid].forms if form)

    def bridges(self, source: Mention, target: Mention) -> list[tuple[Concept, str, str]]:
        """Concepts both sides mention in *different* words (PTFE here, 聚四氟乙烯 there): the glossary joined them."""
        out = []
        for cid in sorted(source.concept_ids & target.concept_ids):
            mine = {f.lower() for f in source.found[cid]}
            theirs = {f.lower() for f in target.found[cid]}
            if not mine & theirs:
                out.append((self.concepts[cid], sorted(source.found[cid])[0], sorted(target.found[cid])[0]))
        return out


def _is_abbreviation(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return len(form) <= 8 and " " not in form and sum(ch.isupper() for ch in letters) >= 2


MAX_WORDS = 5
_WORD = re.compile(r"[A-Za-z0-9]+")


def _words_key(form: str, *, fold: bool = True) -> str:
    key = " ".join(_WORD.findall(form))
    return key.lower() if fold else key


def _singular(words: str) -> str:
    head, _sep, last = words.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("es") and len(last) > 4 and last[-3] in "sxz":
        last = last[:-2]
    elif last.endswith("s") and len(last) > 3 and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}" if head else last


def concept_from_row(index: int, row: dict, *, chain: str | None = None) -> Concept:
    """A concept from a glossary row (the migration's JSON or a model instance's values)."""
    from .models import GlossaryTerm

    synonyms = row.get("synonyms") or []
    abbreviations = row.get("abbreviations") or []
    if isinstance(synonyms, str):
        synonyms = GlossaryTerm.split(synonyms)
    if isinstance(abbreviations, str):
        abbreviations = GlossaryTerm.split(abbreviations)
    lay = row.get("lay_forms") or []
    if isinstance(lay, str):
        lay = GlossaryTerm.split(lay)
    forms = [row["term_zh"], row.get("term_en") or "", *synonyms, *abbreviations]
    seen: dict[str, None] = {}
    for form in forms:
        form = form.strip()
        if form and form.lower() not in {f.lower() for f in seen}:
            seen[form] = None
    lowered = {f.lower() for f in seen}
    return Concept(
        id=index,
        zh=row["term_zh"],
        en=row.get("term_en") or "",
        chain=chain if chain is not None else row.get("industry_chain"),
        forms=tuple(seen),
        abbreviations=tuple(a.strip() for a in abbreviations if a.strip()),
        lay=tuple(dict.fromkeys(f.strip() for f in lay if f.strip() and f.strip().lower() not in lowered)),
        family=(row.get("variant_family") or "").strip(),
    )


# --- The process-wide cached glossary ---------------------------------------------------------------

_lock = threading.Lock()
_state: dict = {"glossary": None, "checked": 0.0, "stamp": None}


def _stamp():
    from django.db.models import Count, Max

    from .models import GlossaryTerm

    row = GlossaryTerm.objects.filter(is_active=True).aggregate(n=Count("id"), latest=Max("updated_at"))
    return row["n"], row["latest"]


def _load() -> Glossary:
    from .models import GlossaryTerm

    concepts = []
    for term in GlossaryTerm.objects.filter(is_active=True).select_related("industry_chain"):
        concepts.append(
            concept_from_row(
                term.pk,
                {
                    "term_zh": term.term_zh,
                    "term_en": term.term_en,
                    "synonyms": term.synonyms,
                    "abbreviations": term.abbreviations,
                    "lay_forms": term.lay_forms,
                    "variant_family": term.variant_family,
                },
                chain=term.industry_chain.code if term.industry_chain else "",
            )
        )
    return Glossary(concepts)


def current() -> Glossary:
    """The active glossary, compiled once and reloaded when a term has changed."""
    now = time.monotonic()
    glossary = _state["glossary"]
    if glossary is not None and now - _state["checked"] < RECHECK_SECONDS:
        return glossary
    with _lock:
        stamp = _stamp()
        if _state["glossary"] is None or stamp != _state["stamp"]:
            _state["glossary"] = _load()
            _state["stamp"] = stamp
        _state["checked"] = now
        return _state["glossary"]


def invalidate(**_kwargs) -> None:
    """Forget the compiled glossary (connected to GlossaryTerm's post_save and post_delete)."""
    with _lock:
        _state["glossary"] = None
        _state["stamp"] = None


def mentions(text: str) -> Mention:
    return current().mentions(text)


def expand(text: str) -> str:
    """The glossary expansion of a text: the other forms of every concept it mentions."""
    return current().expansion(text)
