#!/usr/bin/env python3
"""Speed and memory on large transcripts, next to an anchor for each task.

    scripts/benchmark.py [--mb 5]

Builds a FRUS-shaped and a Wilson-shaped transcript of about N MB from the seeds, then times (each
in its own process, so that peak memory is its own): converting it, `tei text` on the result,
`tei validate` on the result; anchors: reading and parsing the same TEI with lxml, and Jing
validating it against the same RELAX NG.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def frus_text(mb: float) -> str:
    seed = next((ROOT / "corpus" / "transcripts").glob("000_*.txt")).read_text(encoding="utf-8")
    body = seed.split("\n  1. ")[0].split("\n", 1)[1]
    paras = [p for p in body.split("\n\n") if p.strip() and not p.startswith("[Page")]
    out, notes, k, page = [], [], 2, 700
    while sum(map(len, out)) < mb * 1e6:
        for p in paras:
            plain = "".join(c for c in p if not c.isdigit() or True)
            if k < 990 and len(out) % 7 == 0:
                plain = plain.rstrip(".") + f" as agreed.{k}"
                notes.append(f"  {k}. Note {k}.")
                k += 1
            out.append(plain)
        page += 1
        out.append(f"[Page {page}]")
    return ("249. Telegram From the Department of State to the Embassy in the Soviet Union 1\n\n" + "\n\n".join(out)
            + "\n  1. Source: Department of State, Central Files, 611.61/12-2961. Secret.\n" + "\n".join(notes))


def wilson_text(mb: float) -> str:
    seed = next((ROOT / "corpus" / "transcripts").glob("002_*.txt")).read_text(encoding="utf-8")
    head, _, body = seed.partition("\nLate tonight")
    body = "Late tonight" + body
    reps = int(mb * 1e6 / len(body)) + 1
    return head + "\n" + "\n".join([body.strip()] * reps) + "\n"


def measure(code: str) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of a Python snippet run in a fresh process."""
    t = time.perf_counter()
    out = subprocess.run([PY, "-c", code + "\nimport resource,sys;"
                          "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode not in (0, 1):
        raise RuntimeError(out.stderr[-2000:])
    rss = int(out.stderr.strip().splitlines()[-1]) / 1024
    return time.perf_counter() - t, rss


def measure_cmd(cmd: list[str]) -> tuple[float, float]:
    """Seconds and peak memory (MB) of a command, measured from a fresh wrapper process."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            f"subprocess.run({cmd!r}, capture_output=True); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT)
    t, m = out.stdout.split()
    return float(t), float(m)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=5.0)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, text in (("frus", frus_text(args.mb)), ("wilson", wilson_text(args.mb))):
            src = Path(tmp) / f"big_{kind}.txt"
            src.write_text(text, encoding="utf-8")
            out = Path(tmp) / "tei"
            size = src.stat().st_size / 1e6
            t, m = measure(f"from tei.cli import app; app(['convert', '{src}', '-o', '{out}', '-q', "
                           f"'--authority', '{ROOT.parent / 'shared' / 'authority'}'], standalone_mode=False)")
            tei = out / f"big_{kind}.xml"
            rows.append((f"{kind}: convert {size:.1f} MB", t, m))
            t, m = measure(f"from lxml import etree; etree.parse('{tei}')")
            rows.append((f"{kind}: anchor: lxml parse of the TEI", t, m))
            t, m = measure(f"from tei.transcript import regenerate; from tei.xmlsafe import parse; "
                           f"regenerate(parse('{tei}'))")
            rows.append((f"{kind}: tei text", t, m))
            t, m = measure(f"from tei.validate import Validator; from pathlib import Path; "
                           f"Validator().file(Path('{tei}'))")
            rows.append((f"{kind}: tei validate (RNG + Schematron + XSD)", t, m))
            jing = shutil.which("pyjing") or str(Path(PY).with_name("pyjing"))
            if Path(jing).exists() and shutil.which("java"):
                t, m = measure_cmd([jing, str(ROOT / "schemas" / "diplomatic.rng"), str(tei)])
                rows.append((f"{kind}: anchor: Jing, RELAX NG only", t, m))
    print("| task | seconds | peak memory (MB) |\n|---|---|---|")
    for name, t, m in rows:
        print(f"| {name} | {t:.2f} | {m:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
