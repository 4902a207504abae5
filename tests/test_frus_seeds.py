"""The FRUS seeds: what an editor checks first (issue 2, 'Done when')."""
from __future__ import annotations

import pytest

from conftest import seed
from helpers import convert, roundtrip_ok, text_before, x


def load(prefix):
    text = seed(prefix).read_text(encoding="utf-8")
    tree, tr = convert(text, stem=seed(prefix).stem)
    return text, tree, tr


def notes(tree):
    return x(tree, "//tei:text//tei:note[@n]")


def test_000_every_footnote_where_its_marker_stood():
    text, tree, tr = load("000")
    ns = notes(tree)
    assert [n.get("n") for n in ns] == ["1", "2", "3", "4", "5"]
    assert ns[0].getparent().tag.endswith("head") and ns[0].get("type") == "source"
    assert text_before(ns[0], 20).endswith("Soviet Union ")
    assert text_before(ns[1]).endswith("yesterday")
    assert text_before(ns[2]).endswith("1801,")
    assert text_before(ns[3]).endswith("trip.")
    assert text_before(ns[4]).endswith("Re your 1797")
    assert ns[4].text.startswith("Dated December 26.")
    # numbers that are not markers stay text
    body_text = "".join(x(tree, "//tei:body")[0].itertext())
    assert "1523. Eyes only" in body_text


def test_000_heading_number_title_type():
    _, tree, _ = load("000")
    div = x(tree, "//tei:div[@type='document']")[0]
    assert div.get("n") == "249"
    assert x(tree, "string(//tei:titleStmt/tei:title)") == \
        "Telegram From the Department of State to the Embassy in the Soviet Union"
    assert x(tree, "string(//tei:term[@type='document-type'])") == "Telegram"
    assert x(tree, "string(//tei:correspAction[@type='sent']/tei:orgName)") == "the Department of State"
    assert x(tree, "string(//tei:correspAction[@type='received']/tei:orgName)") == \
        "the Embassy in the Soviet Union"
    assert x(tree, "string(//tei:correspAction[@type='sent']/tei:date/@when)") == "1961-12-29"


def test_000_page_break_between_blocks():
    text, tree, _ = load("000")
    pbs = x(tree, "//tei:body//tei:pb")
    assert [p.get("n") for p in pbs] == ["715"]
    assert pbs[0].getparent().tag.endswith("div")  # between paragraphs, not inside one
    assert "[Page" not in "".join(x(tree, "//tei:body")[0].itertext())


def test_001_quote_over_the_draft_and_signature():
    text, tree, _ = load("001")
    quote = x(tree, "//tei:div/tei:quote")
    assert len(quote) == 1
    paras = x(tree, "//tei:div/tei:quote/tei:p")
    assert len(paras) == 5
    assert paras[0].text.startswith("“We believe") and "".join(paras[-1].itertext()).endswith("meeting.”")
    assert x(tree, "string(//tei:closer/tei:signed)") == "Dulles"
    # "Dulte 2 [3]": an editorial bracket, not footnote 2
    assert x(tree, "string(//tei:supplied)") == "3"
    pb = x(tree, "//tei:quote//tei:pb")
    assert [p.get("n") for p in pb] == ["172"]  # inline, inside the paragraph
    note2 = x(tree, "//tei:note[@n='2']")[0]
    assert len(x(note2, "tei:p") if False else note2.findall("{*}p")) == 2  # continuation paragraph
    assert x(tree, "string(//tei:editorialDecl/tei:quotation/@marks)") == "all"


def test_003_keeps_all_four_notes():
    text, tree, tr = load("003")
    ns = notes(tree)
    assert [n.get("n") for n in ns] == ["0", "1", "2", "3"]
    assert ns[0].get("type") == "source" and ns[0].getparent().tag.endswith("head")
    last = ns[3]
    assert last.text == "Printed from an unsigned copy." and last.get("place") == "end"
    assert any("no marker" in w for w in tr.warnings)
    assert x(tree, "string(//tei:opener/tei:salute)") == "Dear Mr. Chairman:"
    assert [p.get("n") for p in x(tree, "//tei:body//tei:pb")] == ["62", "63", "64"]
    assert text_before(ns[1]).endswith("Vietnam.") and text_before(ns[2]).endswith("Berlin,")


@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_seed_round_trip(prefix):
    text, tree, _ = load(prefix)
    assert roundtrip_ok(text, tree)


def test_wilson_seed_is_recognised():
    from tei.convert import detect
    assert detect(seed("002").read_text(encoding="utf-8")) == "wilson"
    assert detect(seed("000").read_text(encoding="utf-8")) == "frus"
