"""Helpers for the hand-written evaluation content.

The Chinese text lives in the sibling modules; this file only turns compact records into import-format
dicts and derives identifiers that must satisfy check-digit rules (credit codes, patent numbers).
Identifiers are derived from a hash of the record key, so rebuilding gives the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714 organisation code: 8 body characters, weights below, check digit 0-9 or X.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_BODY_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWY"  # letters allowed in credit codes, minus X (check only)
PATENT_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


def _num(key: str, modulo: int) -> int:
    return int.from_bytes(_digest(key)[:8], "big") % modulo


def credit_check(first17: str) -> str:
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def _org_code(key: str, prefix: str = "") -> str:
    body = prefix
    digest = _digest("org:" + key)
    i = 0
    while len(body) < 8:
        body += ORG_BODY_CHARS[digest[i] % len(ORG_BODY_CHARS)] if prefix else str(digest[i] % 10)
        i += 1
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(key: str, kind: str, region: str) -> str:
    """kind 'public' → 12 + region + numeric org code; 'enterprise' → 91 + region + MA-series code."""
    first17 = ("12" + region + _org_code(key)) if kind == "public" else ("91" + region + _org_code(key, "MA3"))
    return first17 + credit_check(first17)


def patent_number(key: str, year: int, kind: str) -> str:
    """CNIPA application number with its check digit; kind '1' invention, '2' utility model."""
    serial = f"{year}{kind}{_num(key, 2000000):07d}"  # real serials start with 0 or 1 in the 7-digit block
    total = sum(int(d) * w for d, w in zip(serial, PATENT_WEIGHTS, strict=True))
    check = total % 11
    return f"{serial}.{'X' if check == 10 else check}"


def _date(key: str, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=_num(key, 360))


def ip_records(key: str, holder: str, specs: list[tuple]) -> list[dict]:
    """specs: ("inv", filing_year[, "pending"]), ("uti", year), ("sw", year), ("pv", year), ("sec",)."""
    out = []
    for n, spec in enumerate(specs):
        sub = f"{key}:{n}"
        kind = spec[0]
        if kind in ("inv", "uti"):
            year = spec[1]
            filed = _date(sub, year)
            number = patent_number(sub, year, "1" if kind == "inv" else "2")
            granted = filed + dt.timedelta(days=(420 + _num(sub, 500)) if kind == "inv" else (180 + _num(sub, 150)))
            # A grant cannot postdate the content's "today" (late November 2026): such a filing is still pending.
            pending = (len(spec) > 2 and spec[2] == "pending") or granted > dt.date(2026, 10, 31)
            life = 20 if kind == "inv" else 10
            out.append(
                {
                    "type": "invention" if kind == "inv" else "utility",
                    "number": number if pending else "ZL" + number,
                    "status": "pending" if pending else "granted",
                    "holder": holder,
                    "granted_on": (filed if pending else granted).isoformat(),
                    "expires_on": None if pending else filed.replace(year=filed.year + life).isoformat(),
                }
            )
        elif kind == "sw":
            out.append(
                {
                    "type": "software",
                    "number": f"{spec[1]}SR{_num(sub, 1600000):07d}",
                    "status": "granted",
                    "holder": holder,
                    "granted_on": _date(sub, spec[1]).isoformat(),
                    "expires_on": None,
                }
            )
        elif kind == "pv":
            granted = _date(sub, spec[1] + 2)
            out.append(
                {
                    "type": "plant_variety",
                    "number": f"CNA{spec[1]}{10000 + _num(sub, 89999):05d}.{_num(sub + 'c', 10)}",
                    "status": "granted",
                    "holder": holder,
                    "granted_on": granted.isoformat(),
                    "expires_on": granted.replace(year=granted.year + 15).isoformat(),
                }
            )
        elif kind == "sec":
            out.append({"type": "secret", "number": "", "status": "na", "holder": holder})
        else:
            raise ValueError(kind)
    return out


def html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


ACHIEVEMENTS: list[dict] = []


def A(
    key: str,
    inst: str,
    title: str,
    summary: str,
    description: list[str],
    keywords: list[str],
    field: str,
    chains: list[str],
    trl: int,
    ip: list[tuple],
    modes: list[str],
    price,
    indicators: list[tuple],
    valid: str | None = None,
    contact: int = 0,
) -> None:
    """Record one achievement. price: None (negotiable), int (asking), ("notice", amount, start), ("auction", amount)."""
    ACHIEVEMENTS.append(
        {
            "key": key,
            "inst": inst,
            "title": title,
            "summary": summary,
            "description": description,
            "keywords": keywords,
            "field": field,
            "chains": chains,
            "trl": trl,
            "ip": ip,
            "modes": modes,
            "price": price,
            "indicators": indicators,
            "valid": valid,
            "contact": contact,
        }
    )
