#!/usr/bin/env python3
"""Measure the FRUS converter against the Office of the Historian's own TEI.

    scripts/evaluate.py ../shared/frus-dev [--details] [--check]

Converts every NAME.txt, reduces both our TEI and NAME.gold.xml to body text plus events at
character offsets (see tei/evaluation.py), and prints a table: documents whose body text matches
exactly, and precision / recall / F1 for footnote anchors (offset and content), page breaks
(offset and @n) and paragraph starts. --check exits 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tei.convert import ConversionError, convert_text, decode  # noqa: E402
from tei.evaluation import Score, compare  # noqa: E402
from tei.xmlsafe import parse, parse_bytes  # noqa: E402

TARGETS = {"text identical": 1.0, "footnote anchors": 0.98, "page breaks": 0.99}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="folder of NAME.txt + NAME.gold.xml pairs")
    ap.add_argument("--details", action="store_true", help="list each document that differs, and how")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()
    pairs = sorted(p for p in args.folder.glob("*.txt") if p.with_suffix(".gold.xml").exists())
    if not pairs:
        print(f"no NAME.txt + NAME.gold.xml pairs in {args.folder}", file=sys.stderr)
        return 2
    score = Score()
    for txt in pairs:
        try:
            text, _ = decode(txt.read_bytes(), str(txt))
            data, _ = convert_text(text, txt.stem, txt.name, "frus")
        except (ConversionError, ValueError) as e:
            score.failed.append(f"{txt.name}: {e}")
            score.docs += 1
            continue
        res = compare(parse_bytes(data), parse(txt.with_suffix(".gold.xml")), score)
        if args.details:
            _details(txt.name, res)
    rows = score.table()
    print(f"FRUS converter vs. Office of the Historian TEI: {score.docs} documents in {args.folder}")
    print()
    print(f"| {'measure':<18} | {'precision':>9} | {'recall':>7} | {'F1':>6} | {'matched':>7} | {'ours':>5} | {'gold':>5} | target |")
    print(f"|{'-' * 20}|{'-' * 11}|{'-' * 9}|{'-' * 8}|{'-' * 9}|{'-' * 7}|{'-' * 7}|--------|")
    ti = score.text_identical / score.docs if score.docs else 0.0
    print(f"| {'text identical':<18} | {'':>9} | {'':>7} | {ti:>6.1%} | {score.text_identical:>7} | {'':>5} | {score.docs:>5} | 100 %  |")
    missed = [] if ti >= TARGETS["text identical"] else ["text identical"]
    for kind, p, r, f1, tp, no, ng in rows:
        target = TARGETS.get(kind)
        print(f"| {kind:<18} | {p:>9.4f} | {r:>7.4f} | {f1:>6.4f} | {tp:>7} | {no:>5} | {ng:>5} | "
              f"{('≥ %.2f' % target) if target else '':<6} |")
        if target and f1 < target:
            missed.append(kind)
    for f in score.failed:
        print("failed:", f)
    if missed:
        print("\ntargets missed:", ", ".join(missed))
    return 1 if args.check and (missed or score.failed) else 0


def _details(name: str, res: dict) -> None:
    a, b = res["ours"], res["gold"]
    if not res["text_identical"]:
        i = next((k for k, (x, y) in enumerate(zip(a.text, b.text)) if x != y), min(len(a.text), len(b.text)))
        print(f"{name}: text differs at {i}: ours {a.text[max(0, i - 40):i + 40]!r}")
        print(f"{' ' * len(name)}  gold {b.text[max(0, i - 40):i + 40]!r}")
    for kind, ours, gold in (("note", set(a.notes), set(b.notes)), ("pb", set(a.pbs), set(b.pbs))):
        for o, v in sorted(ours - gold):
            print(f"{name}: extra {kind} at {o} ({v[:50]!r}): ...{a.text[max(0, o - 30):o]!r}")
        for o, v in sorted(gold - ours):
            print(f"{name}: missing {kind} at {o} ({v[:50]!r}): ...{b.text[max(0, o - 30):o]!r}")


if __name__ == "__main__":
    sys.exit(main())
