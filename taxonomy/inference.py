"""Guess a listing's industry chain and technical field from its text: a weak signal, never a classification.

``infer_classification`` is a pure function of the text, the glossary and the chain map, so the importer (to
propose codes staff confirm) and matching (a small bonus for a need that carries no code) use it alike. It
counts evidence per chain: glossary concepts filed under a chain, and the words of the chain map's own node
names; it answers only when one chain clearly leads.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .glossary import Glossary

# The technical field (national statistics) most listings of each chain fall under.
CHAIN_FIELDS = {
    "FLU": "materials",
    "FFC": "materials",
    "GRA": "materials",
    "NEM": "energy",
    "ALY": "materials",
    "STL": "materials",
    "TUN": "materials",
    "CNC": "manufacturing",
    "QDT": "materials",
    "ICT": "electronics",
    "SED": "agriculture",
    "VEG": "agriculture",
    "BPC": "agriculture",
    "ENV": "environment",
    "FOD": "biomedicine",
    "MED": "biomedicine",
}
MIN_EVIDENCE = 2  # at least two mentions …
MIN_LEAD = 1.5  # … and this many times the runner-up's evidence
_NAME_PARTS = re.compile(r"[()()与和及、,,\s]+")


@dataclass(frozen=True)
class Inference:
    chain: str | None = None  # the most specific node code the evidence supports
    root: str | None = None
    technical_field: str | None = None
    evidence: tuple[str, ...] = ()  # the words that pointed there
    scores: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.root is not None


def name_vocabulary(chain_names: dict[str, str]) -> dict[str, str]:
    """Words of the chain map's node names → the most specific node code they name (石墨烯 → GRA …)."""
    vocabulary: dict[str, str] = {}
    for code in sorted(chain_names, key=lambda c: c.count(".")):
        for part in _NAME_PARTS.split(chain_names[code]):
            if 2 <= len(part) <= 12:
                vocabulary[part] = code
    return vocabulary


def infer_classification(text: str, *, glossary: Glossary, chain_names: dict[str, str]) -> Inference:
    if not text:
        return Inference()
    roots: Counter = Counter()
    nodes: Counter = Counter()
    evidence: dict[str, list[str]] = {}
    for concept_id, forms in glossary.mentions(text).found.items():
        concept = glossary.concepts[concept_id]
        if concept.chain:
            root = concept.chain.split(".")[0]
            roots[root] += 1
            nodes[concept.chain] += 1
            evidence.setdefault(root, []).append(sorted(forms)[0])
    lowered = text.lower()
    for word, code in name_vocabulary(chain_names).items():
        if word.lower() in lowered:
            root = code.split(".")[0]
            roots[root] += 1
            nodes[code] += 2 if "." in code else 1
            evidence.setdefault(root, []).append(word)
    if not roots:
        return Inference(scores=dict(roots))
    ranked = roots.most_common(2)
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if score < MIN_EVIDENCE or score < MIN_LEAD * runner_up:
        return Inference(scores=dict(roots))
    in_chain = [(count, code.count("."), code) for code, count in nodes.items() if code.split(".")[0] == best]
    chain = max(in_chain)[2] if in_chain else best
    return Inference(
        chain=chain,
        root=best,
        technical_field=CHAIN_FIELDS.get(best),
        evidence=tuple(dict.fromkeys(evidence.get(best, []))),
        scores=dict(roots),
    )


_names: dict = {}


def infer(text: str) -> Inference:
    """``infer_classification`` with the current glossary and chain map (chain names read once per process)."""
    from . import glossary as glossary_module
    from .models import IndustryChainNode

    if "names" not in _names:
        _names["names"] = dict(IndustryChainNode.objects.values_list("code", "name"))
    return infer_classification(text, glossary=glossary_module.current(), chain_names=_names["names"])
