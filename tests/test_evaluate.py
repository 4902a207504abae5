"""The FRUS converter measured against the Office of the Historian's TEI (issue 2 targets)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, need_shared
from tei.convert import convert_text, decode
from tei.evaluation import Score, compare, reduce
from tei.xmlsafe import parse, parse_bytes


def test_targets_on_frus_dev():
    folder = need_shared("frus-dev")
    score = Score()
    for txt in sorted(folder.glob("*.txt")):
        text, _ = decode(txt.read_bytes(), str(txt))
        data, _ = convert_text(text, txt.stem, txt.name, "frus")
        compare(parse_bytes(data), parse(txt.with_suffix(".gold.xml")), score)
    rows = {r[0]: r for r in score.table()}
    assert score.docs >= 100
    assert score.text_identical == score.docs
    assert rows["footnote anchors"][3] >= 0.98
    assert rows["page breaks"][3] >= 0.99


def test_evaluate_script_prints_the_table():
    folder = need_shared("frus-dev")
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "evaluate.py"), str(folder), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "| footnote anchors" in out.stdout and "| page breaks" in out.stdout


def test_reduction_ignores_element_names():
    a = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><p>One two<note n="1">N</note> '
                    b'three.</p><closer><signed>Rusk</signed></closer></div></body></text></TEI>')
    b = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><p>One two<note n="1">N</note> '
                    b'three.</p><p>Rusk</p></div></body></text></TEI>')
    ra, rb = reduce(a), reduce(b)
    assert ra.text == rb.text == "One two three. Rusk"
    assert ra.notes == rb.notes == [(7, "N")]
    assert ra.blocks == rb.blocks
