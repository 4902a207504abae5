"""The Wilson Center reader (issue 3): metadata to the header, quoted speech as said."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import seed
from helpers import convert, x
from tei.transcript import fold, regenerate

FIXTURES = Path(__file__).parent / "fixtures" / "wilson"
WRAP = "Back to Inquiry Set\n\nCable, Test Author to the Ministry, 1 May 1962\n\nAuthor, Test\n1962 May 1\n\n"


def wilson(text: str):
    return convert(text, fmt="wilson")


def body_text(tree) -> str:
    return fold("".join(x(tree, "//tei:text")[0].itertext()))


def roundtrip_wilson(text: str, tree, tr) -> bool:
    expect = "\n".join(line for line in text.split("\n") if line.strip() not in tr.dropped_lines)
    return fold(regenerate(tree)) == fold(expect)


# --- the seed -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dobrynin():
    text = seed("002").read_text(encoding="utf-8")
    tree, tr = convert(text, stem=seed("002").stem)
    return text, tree, tr


def test_seed_metadata_in_header_not_body(dobrynin):
    text, tree, tr = dobrynin
    assert x(tree, "string(//tei:titleStmt/tei:title)").startswith("Cable, Ambassador Dobrynin to the Soviet")
    assert x(tree, "string(//tei:abstract)").strip().startswith("Encrypted telegram reporting")
    assert x(tree, "string(//tei:correspAction[@type='sent']/tei:persName)") == "Dobrynin, Anatoly Fedorovich"
    assert x(tree, "string(//tei:correspAction[@type='sent']/tei:date/@when)") == "1962-10-27"
    assert "We All Lost the Cold War" in x(tree, "string(//tei:sourceDesc)")
    assert len(x(tree, "//tei:notesStmt/tei:note[@type='commentary']")) == 2
    body = body_text(tree)
    for header_only in ("Encrypted telegram reporting", "This is a difficult source", "Back to Inquiry Set",
                        "History and Public Policy Program", "Dobrynin, Anatoly Fedorovich"):
        assert header_only not in body
    assert body.startswith("Late tonight R. Kennedy invited me")
    assert x(tree, "string(//tei:change[@type='dropped-line'])") == "Back to Inquiry Set"
    assert tr.dropped_lines == ["Back to Inquiry Set"]


def test_seed_every_quotation_is_said_and_attributed(dobrynin):
    _, tree, _ = dobrynin
    said = x(tree, "//tei:body//tei:said")
    assert len(said) >= 9
    assert all(s.get("who") for s in said)
    who = {s.get("who") for s in said}
    assert who == {"#per-robert-kennedy", "#per-anatoly-fedorovich-dobrynin"}
    turkey = [s for s in said if "".join(s.itertext()) == '"And what about Turkey?"']
    assert len(turkey) == 1 and turkey[0].get("who") == "#per-anatoly-fedorovich-dobrynin"
    # every speaker is a person of the document
    ids = set(x(tree, "//tei:listPerson/tei:person/@xml:id"))
    assert {w.lstrip("#") for w in who} <= ids
    assert "R. Kennedy" in x(tree, "//tei:person[@xml:id='per-robert-kennedy']/tei:persName/text()")
    assert not x(tree, "//tei:said//tei:said")


def test_seed_omissions_are_gaps_and_round_trip(dobrynin):
    text, tree, tr = dobrynin
    gaps = x(tree, "//tei:body//tei:gap")
    assert {g.get("rend") for g in gaps} == {"ellipsis", "spaced-dots"}
    assert len(gaps) == 4
    assert roundtrip_wilson(text, tree, tr)


def test_seed_speech_across_the_paragraph_break_is_linked(dobrynin):
    _, tree, _ = dobrynin
    first = x(tree, "//tei:said[starts-with(., '\"Because of the plane')]")[0]
    nxt = x(tree, f"//tei:said[@xml:id='{first.get('next').lstrip('#')}']")[0]
    assert "".join(nxt.itertext()).startswith("The most important thing for us,”")
    assert nxt.get("prev") == "#" + first.get("{http://www.w3.org/XML/1998/namespace}id")


# --- the quotation-mark cases, each on its own --------------------------------------------

def said_of(text):
    tree, tr = wilson(WRAP + text)
    return ["".join(s.itertext()) for s in x(tree, "//tei:body//tei:said")], \
           [s.get("who") for s in x(tree, "//tei:body//tei:said")], tree, tr


def test_straight_quotes_with_speaker_after():
    texts, who, tree, tr = said_of('"We agree," replied R. Kennedy. We parted.')
    assert texts == ['"We agree,"'] and who == ["#per-r-kennedy"]
    assert roundtrip_wilson(WRAP + '"We agree," replied R. Kennedy. We parted.', tree, tr)


def test_curly_quotes_with_speaker_before():
    texts, who, _, _ = said_of("Then Gromyko said: “The question is closed.” I did not reply.")
    assert texts == ["“The question is closed.”"] and who == ["#per-gromyko"]


def test_two_apostrophes_as_an_opening_quote():
    texts, who, _, _ = said_of("''However, nothing can be said in public,\" R. Kennedy said again.")
    assert texts == ["''However, nothing can be said in public,\""] and who == ["#per-r-kennedy"]


def test_quotation_running_on_after_an_omission_and_a_paragraph_break():
    text = '"Because of the plane there is pressure. …\n. . . The most important thing,” R. Kennedy stressed.'
    texts, who, tree, tr = said_of(text)
    assert texts == ['"Because of the plane there is pressure. ', "The most important thing,”"]
    assert who == ["#per-r-kennedy", "#per-r-kennedy"]
    said = x(tree, "//tei:body//tei:said")
    assert said[0][-1].get("rend") == "ellipsis"  # the omission is inside the quotation
    assert said[0].get("next") and said[1].get("prev")
    assert roundtrip_wilson(WRAP + text, tree, tr)


def test_quotation_closed_after_an_interruption_and_reopened():
    text = '“we need 4 – 5 months. On the whole issue," R. Kennedy added, "if the Premier agrees, we go on."'
    texts, who, _, _ = said_of(text)
    assert texts == ['“we need 4 – 5 months. On the whole issue,"', '"if the Premier agrees, we go on."']
    assert who == ["#per-r-kennedy", "#per-r-kennedy"]


def test_i_is_the_author():
    texts, who, _, _ = said_of('"And what about Turkey?" I asked R. Kennedy.')
    assert who == ["#per-test-author"]


def test_undecidable_quotation_gets_no_speaker_and_a_warning():
    texts, who, tree, tr = said_of('The cable ends here. "Nobody is named beside this.')
    assert who == [None]
    assert any("no speaker" in w for w in tr.warnings)


def test_closing_mark_without_opening_is_left_as_narrative():
    texts, who, tree, tr = said_of('We spoke of many things, of which none matters." Then we left.')
    assert texts == []
    assert any("closing quotation mark with no opening" in w for w in tr.warnings)
    assert roundtrip_wilson(WRAP + 'We spoke of many things, of which none matters." Then we left.', tree, tr)


# --- real pages vary: one test per shape ----------------------------------------------------

def fixture(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    tree, tr = convert(text, stem=Path(name).stem)
    assert tr.source == "wilson", "auto-detection must recognise the page"
    return text, tree, tr


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_every_fixture_round_trips_without_metadata_in_the_body(name):
    text, tree, tr = fixture(name)
    assert roundtrip_wilson(text, tree, tr)
    body = body_text(tree)
    for label in ("Summary:", "Original Language", "Record ID", "Skip to content", "CITATION SHARE",
                  "History and Public Policy Program Digital Archive"):
        assert label not in body


def test_old_search_page():
    text, tree, tr = fixture("old_search_page.txt")
    assert {"Search in", "ADD SEARCH FILTER", "CITATION SHARE DOWNLOAD", "VIEW DOCUMENT IN", "English HTML",
            "• Share", "• Facebook", "• Twitter"} <= set(tr.dropped_lines)
    assert x(tree, "string(//tei:titleStmt/tei:title)") == \
        "CIPHERED TELEGRAM FROM THE POLISH EMBASSY IN HAVANA, 12 NOVEMBER 1962"
    assert "• Ciphered Telegram from the Polish Embassy" in x(tree, "string(//tei:sourceDesc/tei:bibl[@type='citation'])")
    assert x(tree, "//tei:div/tei:opener/tei:seg/@type") == ["classification", "cipher-header", "cipher-header",
                                                             "cipher-header", "address", "address"]
    assert x(tree, "string(//tei:div/tei:dateline)").startswith("Dispatched 12.11.1962 at 21:00")
    notes = x(tree, "//tei:body//tei:note[@n]")
    assert [(n.get("n"), n.get("rend")) for n in notes] == [("1", None), ("2", None), ("3", "bracketed")]
    assert notes[0].getprevious() is None and x(tree, "string(//tei:body//tei:p[1])").startswith("In a conversation today with JELEN")
    assert x(tree, "//tei:gap[@rend='double-brackets']/tei:desc/text()") == ["two names illegible"]
    assert x(tree, "//tei:gap/tei:desc/text()")[0] == "…"
    assert x(tree, "string(//tei:closer/tei:signed)") == "/signature/"
    assert x(tree, "//tei:postscript/tei:list[@type='distribution']/tei:item/text()") == \
        ["Comrade Gomułka", "Comrade Cyrankiewicz", "Comrade Rapacki"]
    assert x(tree, "string(//tei:abstract/tei:p)").endswith("A report on talks with Cuban officials about inspections.")
    assert x(tree, "string(//tei:notesStmt/tei:note[@subtype='original-language'])").endswith("Polish")


def test_new_page_with_document_information():
    text, tree, tr = fixture("new_docinfo_memcon.txt")
    assert "Skip to content" in tr.dropped_lines and "Document Information" in tr.dropped_lines
    assert x(tree, "string(//tei:correspAction[@type='sent']/tei:date/@when)") == "1963-11-03"
    assert x(tree, "string(//tei:titleStmt/tei:funder)").startswith("This document was made possible")
    # labels without values are kept, with their place
    assert x(tree, "string(//tei:sourceDesc/tei:bibl[@type='original-archive'])").strip() == "Original Archive"
    assert x(tree, "string(//tei:notesStmt/tei:note[@subtype='original-classification'])").endswith("Top Secret")
    sp = x(tree, "//tei:body//tei:sp")
    assert [s.get("who") for s in sp] == ["#per-zhou-enlai", "#per-aram-testov"] * 2
    said = x(tree, "//tei:body//tei:said")
    assert [s.get("who") for s in said] == ["#per-zhou-enlai", "#per-aram-testov", "#per-aram-testov"]
    assert x(tree, "string(//tei:note[@type='editorial'])").startswith("Translator’s note")


def test_flattened_one_line_metadata():
    text, tree, tr = fixture("flattened.txt")
    assert x(tree, "string(//tei:titleStmt/tei:title)") == "Letter from the Embassy to the Ministry, 5 May 1961"
    assert x(tree, "string(//tei:abstract/tei:p)") == "The embassy reports on a meeting with the foreign minister."
    assert x(tree, "string(//tei:notesStmt/tei:note[@type='page-metadata'])").startswith("Citation: Letter")
    assert body_text(tree).startswith("The minister received me today")
    assert x(tree, "string(//tei:closer/tei:signed)") == "Ambassador"


def test_russian_page_keeps_its_language():
    text, tree, tr = fixture("russian_cable.txt")
    assert tree.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert x(tree, "string(//tei:div/tei:opener/tei:seg)") == "СОВЕРШЕННО СЕКРЕТНО"
    assert x(tree, "string(//tei:correspAction[@type='sent']/tei:persName)") == "Добрынин, Анатолий Фёдорович"
    assert x(tree, "//tei:body//tei:said/text()") == ["«Положение очень серьёзное»"]


def test_east_german_record_with_stamp_addition_and_distribution():
    text, tree, tr = fixture("gdr_report.txt")
    assert x(tree, "string(//tei:div/tei:opener/tei:stamp)") == "faded stamp: Secret"
    assert x(tree, "string(//tei:add[@type='handwritten'])") == "handwritten: 10:15"
    assert x(tree, "string(//tei:closer/tei:signed)") == "Winzer"
    assert x(tree, "//tei:postscript/tei:list/tei:item/text()") == ["Comrade Ulbricht", "Comrade Stoph"]
    said = x(tree, "//tei:body//tei:said")
    # "I asked:" introduces the second quotation; it is the author's
    assert said[1].get("who") == "#per-otto-winzer"
    assert said[0].get("who") is None  # "He said:": nobody named
    assert "/in the opinion of the Soviet side/" in body_text(tree)


def test_chinese_record_with_translators_note():
    text, tree, tr = fixture("chinese_record.txt")
    assert [s.get("who") for s in x(tree, "//tei:body//tei:sp")] == \
        ["#per-mao-zedong", "#per-test-person", "#per-mao-zedong", "#per-zhou-enlai"]
    assert {s.get("who") for s in x(tree, "//tei:body//tei:said")} == {"#per-mao-zedong"}
    assert x(tree, "string(//tei:note[@type='editorial'])").startswith("Translator's note")
