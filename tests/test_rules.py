"""Each Schematron rule of the ODD fires on a document that breaks it, at the right line."""
from __future__ import annotations

import pytest

from conftest import CORPUS_TEI
from tei.validate import Validator

SEED = next(CORPUS_TEI.glob("000_*.xml"))
WILSON = next(CORPUS_TEI.glob("002_*.xml"))


def edit(path, old: str, new: str, count: int = 1) -> bytes:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, count).encode("utf-8")


CASES = [
    # (rule id, the file, old, new, the line the fault is on)
    ("fn-n-required", SEED, '<note n="2">Document 248.', "<note>Document 248.", 65),
    ("fn-n-unique", SEED, '<note n="3">See footnote', '<note n="2">See footnote', 69),
    ("fn-sequence", SEED, '<note n="4">No record', '<note n="1">No record', 70),
    ("fn-source-first", SEED, '<note n="1" type="source">', '<note n="1">', 64),
    ("pb-increasing", SEED, '<pb n="715"/>', '<pb n="715"/><p>x<pb n="700"/></p>', 68),
    ("corresp-actions", SEED, '<correspAction type="received">', '<correspAction type="sent">', 42),
    ("corresp-party", SEED, "<orgName>the Embassy in the Soviet Union</orgName>", "<note>unknown</note>", 47),
    ("corresp-date-iso", SEED, 'when="1961-12-29"', 'when="1961-12"  notBefore="December 1961"', 45),
    ("ptr-resolves", WILSON, 'who="#per-robert-kennedy" xml:id="said1"', 'who="#per-rfk" xml:id="said1"', None),
    ("id-unique", WILSON, 'xml:id="said2"', 'xml:id="said1"', None),
    ("tei-id-filename", SEED, 'xml:id="doc_000_f453216019a736db"', 'xml:id="doc_999"', 4),
    ("no-page-text", SEED, '<pb n="715"/>', "<p>[Page 715]</p>", 68),
    ("no-bare-markers", SEED, "Instructions sent you yesterday<note n=\"2\">Document 248.</note>",
     'Instructions sent you yesterday2 <note n="2">Document 248.</note>', 65),
    ("said-not-nested", WILSON, '<said who="#per-anatoly-fedorovich-dobrynin">"And what about Turkey?"</said>',
     '<said who="#per-anatoly-fedorovich-dobrynin"><said>"And what about Turkey?"</said></said>', None),
    ("quotation-declared", WILSON, '<quotation marks="all">', '<quotation marks="none">', None),
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
    if line is None:  # the line of the edited element
        line = next(i for i, text in enumerate(data.decode().split("\n"), 1) if new.split(">")[0] in text)
    assert line in {p.line for p in found}, [(p.line, p.message) for p in found]
    assert all(p.message and ":" in p.message for p in found)  # says what is wrong and what to do


def test_every_rule_of_the_odd_has_a_case():
    from lxml import etree
    odd = etree.parse(str(CORPUS_TEI.parent.parent / "schemas" / "diplomatic.odd")).getroot()
    own = {cs.get("ident") for cs in odd.iter("{http://www.tei-c.org/ns/1.0}constraintSpec")} - {"keys"}
    assert own <= {c[0] for c in CASES}
