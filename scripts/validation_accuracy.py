#!/usr/bin/env python3
"""How well does `tei validate` find what is wrong, and say where and why?

    scripts/validation_accuracy.py [FILES...] [--per-kind N] [--no-jing]

Makes a mutation corpus from valid TEI files (default: corpus/tei/*.xml), each mutant broken in
one known way (tei/mutants.py: 14 kinds), validates each with `tei validate`'s checks and with
Jing (RELAX NG only, the usual anchor), and prints per kind: mutants, caught, reported at the
right line, and at the right line with the right cause. Target: all caught, >= 95 % at the right
line with the right cause, at least as good as Jing.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tei.mutants import OPERATORS, mutants  # noqa: E402
from tei.validate import Validator  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def jing_results(paths: list[Path]) -> dict[Path, list[tuple[int, str]]]:
    exe = shutil.which("pyjing") or str(Path(sys.executable).with_name("pyjing"))
    if not Path(exe).exists() and not shutil.which("pyjing"):
        return {}
    out = subprocess.run([exe, str(ROOT / "schemas" / "diplomatic.rng"), *map(str, paths)],
                         capture_output=True, text=True)
    found: dict[Path, list[tuple[int, str]]] = defaultdict(list)
    for line in out.stdout.splitlines() + out.stderr.splitlines():
        m = re.match(r"^(.*?):(\d+):(\d+): (?:error|fatal): (.*)$", line)
        if m:
            found[Path(m.group(1))].append((int(m.group(2)), m.group(4)))
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--per-kind", type=int, default=16)
    ap.add_argument("--no-jing", action="store_true")
    ap.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = ap.parse_args()
    files = args.files or sorted((ROOT / "corpus" / "tei").glob("*.xml"))
    muts = mutants(files, args.per_kind)
    v = Validator()
    rows: dict[str, list[int]] = {k: [0, 0, 0, 0, 0, 0, 0] for k in OPERATORS}
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k, m in enumerate(muts):
            p = Path(tmp) / str(k) / m.source
            p.parent.mkdir()
            p.write_bytes(m.data)
            paths.append(p)
        jing = {} if args.no_jing else jing_results(paths)
        for m, p in zip(muts, paths):
            r = rows[m.kind]
            r[0] += 1
            errors = [pr for pr in v.file(p) if pr.severity == "error"]
            at_line = [e for e in errors if e.line == m.line]
            r[1] += bool(errors)
            r[2] += bool(at_line)
            right = any(m.cause.lower() in (e.message + " " + e.rule).lower() for e in at_line)
            r[3] += right
            if not right:
                misses.append((m, errors))
            j = jing.get(p, [])
            j_line = [msg for line, msg in j if line == m.line]
            r[4] += bool(j)
            r[5] += bool(j_line)
            r[6] += any(m.cause.lower() in msg.lower() for msg in j_line)
    total = [sum(r[i] for r in rows.values()) for i in range(7)]
    print(f"tei validate vs. Jing on {total[0]} mutants of {len(files)} valid files ({len(OPERATORS)} kinds)\n")
    print("| kind | mutants | caught | right line | right line and cause | Jing caught | Jing right line | "
          "Jing line and cause |")
    print("|---|---|---|---|---|---|---|---|")
    for kind, r in list(rows.items()) + [("all", total)]:
        print(f"| {kind} | {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {r[6]} |")
    share = total[3] / total[0] if total[0] else 0
    print(f"\ncaught {total[1]}/{total[0]}; right line and cause {share:.1%} (Jing: caught {total[4]}, "
          f"right line and cause {total[6] / total[0] if total[0] else 0:.1%})")
    for m, errors in misses[:10]:
        print(f"miss: {m.kind} in {m.source} line {m.line} ({m.cause}):",
              "; ".join(f"{e.line} [{e.rule}] {e.message[:80]}" for e in errors[:3]) or "nothing reported")
    ok = total[1] == total[0] and share >= 0.95 and total[3] >= total[6]
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
