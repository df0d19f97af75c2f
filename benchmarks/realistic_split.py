"""Write a variant of an evaluation split that looks more like what real users send: needs without industry-chain
codes (enterprises rarely know the city's chain map), so matching must stand on the text.

    python benchmarks/realistic_split.py --data /tmp/heldout --out /tmp/heldout-nocodes
    SEARCH_URL=… python benchmarks/match_quality.py --data /tmp/heldout-nocodes

Only the needs change; listings and judgements are copied as they are. Report its figures beside the split it
was made from, never tune on it.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="folder with listings.jsonl and judgements.tsv")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    data, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    stripped = 0
    for line in (data / "listings.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("kind") == "need" and row.get("industry_chain"):
            row["industry_chain"] = None
            stripped += 1
        lines.append(json.dumps(row, ensure_ascii=False))
    (out / "listings.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(data / "judgements.tsv", out / "judgements.tsv")
    print(f"{stripped} needs lost their industry-chain code → {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
