"""Each Schematron rule of the ODD fires on a document that breaks it, at the right line."""
from __future__ import annotations

import re

import pytest

from conftest import CORPUS_TEI
from tei.validate import Validator

SEED = next(CORPUS_TEI.glob("000_*.xml"))
WILSON = next(CORPUS_TEI.glob("002_*.xml"))


def edit(path, old: str, new: str, count: int = 1) -> bytes:
    text = path.read_text(encoding="utf-8")
    if old.startswith("re:"):
        out, n = re.subn(old[3:], new, text, count=count, flags=re.S)
        assert n, old
        return out.encode("utf-8")
    assert old in text, old
    return text.replace(old, new, count).encode("utf-8")


CASES = [
    # (rule id, the file, old, new, text on the line the fault is on; None: the second copy of new)
    ("fn-n-required", SEED, '<note n="2">Document 248.', "<note>Document 248.", "<note>Document 248."),
    ("fn-n-unique", SEED, '<note n="3">See footnote', '<note n="2">See footnote', '<note n="2">See footnote'),
    ("fn-sequence", SEED, '<note n="4">No record', '<note n="1">No record', '<note n="1">No record'),
    ("fn-source-first", SEED, '<note n="1" type="source">', '<note n="1">', '<note n="1">Source'),
    ("pb-increasing", SEED, '<pb n="715"/>', '<pb n="715"/><p>x<pb n="700"/></p>', '<pb n="700"/>'),
    ("corresp-actions", SEED, '<correspAction type="received">', '<correspAction type="sent">', '<correspDesc>'),
    ("corresp-party", SEED, r're:(<correspAction type="received">)\s*<persName.*?</persName>\s*<orgName.*?</orgName>',
     r"\1<note>unknown</note>", '<note>unknown</note>'),
    ("corresp-date-iso", SEED, 'when="1961-12-29"', 'when="1961-12"  notBefore="December 1961"', 'notBefore="December 1961"'),
    ("ptr-resolves", WILSON, 'who="#per-robert-kennedy" xml:id="said1"', 'who="#per-rfk" xml:id="said1"', 'who="#per-rfk"'),
    ("id-unique", WILSON, 'xml:id="said2"', 'xml:id="said1"', None),
    ("tei-id-filename", SEED, 'xml:id="doc_000_f453216019a736db"', 'xml:id="doc_999"', 'xml:id="doc_999"'),
    ("no-page-text", SEED, '<pb n="715"/>', "<p>[Page 715]</p>", "<p>[Page 715]</p>"),
    ("no-bare-markers", SEED, "Instructions sent you yesterday<note n=\"2\">Document 248.</note>",
     'Instructions sent you yesterday2 <note n="2">Document 248.</note>', 'yesterday2'),
    ("said-not-nested", WILSON, '<said who="#per-anatoly-fedorovich-dobrynin">"And what about Turkey?"</said>',
     '<said who="#per-anatoly-fedorovich-dobrynin"><said>"And what about Turkey?"</said></said>', '<said>"And what'),
    ("quotation-declared", WILSON, '<quotation marks="all">', '<quotation marks="none">', '<quotation marks="none">'),
]


@pytest.fixture(scope="module")
def validator():
    return Validator()


@pytest.mark.parametrize("rule,path,old,new,line", CASES, ids=[c[0] for c in CASES])
def test_rule_fires_where_the_fault_is(validator, tmp_path, rule, path, old, new, line):
    broken = tmp_path / path.name
    data = edit(path, old, new)
    broken.write_bytes(data)
    found = [p for p in validator.file(broken) if p.rule == rule]
    assert found, f"{rule} did not fire"
    lines = data.decode().split("\n")
    if line is None:  # the second element with the id
        line = [i for i, text in enumerate(lines, 1) if new in text][-1]
    else:
        line = next(i for i, text in enumerate(lines, 1) if line in text)
    assert line in {p.line for p in found}, [(p.line, p.message) for p in found]
    assert all(p.message and ":" in p.message for p in found)  # says what is wrong and what to do


def test_every_rule_of_the_odd_has_a_case():
    from lxml import etree
    odd = etree.parse(str(CORPUS_TEI.parent.parent / "schemas" / "diplomatic.odd")).getroot()
    own = {cs.get("ident") for cs in odd.iter("{http://www.tei-c.org/ns/1.0}constraintSpec")} - {"keys"}
    assert own <= {c[0] for c in CASES}
