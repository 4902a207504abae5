"""Real FRUS pages vary (issue 2): one small transcript per shape, each converted and checked."""
from __future__ import annotations

from helpers import convert, roundtrip_ok, text_before, x


def frus(text):
    tree, tr = convert(text, fmt="frus")
    assert roundtrip_ok(text, tree), "tei text must give the transcript back"
    return tree, tr


def notes(tree):
    return x(tree, "//tei:text//tei:note[@n]")


def test_single_line_breaks_and_three_blank_lines_before_the_signature():
    text = ("12. Telegram From the Embassy in France to the Department of State1\n"
            "Paris, May 8, 1955, 7 p.m.\nFirst paragraph.\nSecond paragraph.2\n\n\n\nDulles\n"
            "  1. Source: Department of State, Central Files, 396.1/5–855. Secret.\n  2. Not printed.")
    tree, _ = frus(text)
    assert len(x(tree, "//tei:div/tei:p")) == 2
    assert x(tree, "string(//tei:dateline/tei:date/@when)") == "1955-05-08"
    assert x(tree, "string(//tei:dateline/tei:placeName)") == "Paris"
    assert x(tree, "string(//tei:closer/tei:signed)") == "Dulles"
    assert [n.get("n") for n in notes(tree)] == ["1", "2"]


def test_heading_marker_after_parenthesis_and_with_space():
    for head, before in (("31. Memorandum From the Secretary of State to President Johnson (Dobrynin)1", ")"),
                         ("32. Letter From Chairman Kosygin to President Johnson 1", "Johnson ")):
        tree, _ = frus(head + "\n\nText of the letter.\n  1. Source: Johnson Library.")
        n = notes(tree)[0]
        assert n.getparent().tag.endswith("head") and n.get("type") == "source"
        assert text_before(n, len(before)) == before


def test_two_markers_on_the_heading():
    tree, _ = frus("40. Memorandum for the Record by President Nixon 1 2\n\nHe spoke.\n"
                   "  1. Source: Nixon Library.\n  2. The memorandum is undated.")
    head_notes = x(tree, "//tei:head/tei:note")
    assert [n.get("n") for n in head_notes] == ["1", "2"]
    assert x(tree, "string(//tei:titleStmt/tei:title)") == "Memorandum for the Record by President Nixon"


def test_marker_glued_to_a_number_in_the_heading():
    tree, _ = frus("470. Circular Telegram 5001\n\nAll posts are informed.\n  1. Source: Central Files.")
    n = notes(tree)[0]
    assert n.getparent().tag.endswith("head")
    assert x(tree, "string(//tei:head)").startswith("470. Circular Telegram 500")
    assert "5001" not in "".join(x(tree, "//tei:head")[0].itertext()).replace(n.text, "")


def test_heading_without_number_or_marker():
    tree, tr = frus("Editorial Note\n\nOn June 6 the President spoke to the press.")
    assert x(tree, "//tei:div/@n") == []
    assert x(tree, "string(//tei:head)") == "Editorial Note"
    assert x(tree, "string(//tei:term[@type='document-type'])") == "Editorial Note"
    assert notes(tree) == []


def test_list_straight_after_the_signature_and_arrow_items():
    tree, _ = frus("5. Letter From President Kennedy to Chairman Khrushchev1\n\nDear Mr. Chairman: Thanks.2\n"
                   "John F. Kennedy\n  1. Source: Lot 77 D 163.\n  2. Document 4.")
    assert [n.get("n") for n in notes(tree)] == ["1", "2"]
    assert x(tree, "string(//tei:signed)") == "John F. Kennedy"
    tree, _ = frus("6. Letter From President Kennedy to Chairman Khrushchev1\n\nThanks for the letter.2\n\n"
                   "- Source: Lot 77 D 163.↩\n- Document 4.↩")
    assert [n.text for n in notes(tree)] == ["Source: Lot 77 D 163.", "Document 4."]
    assert x(tree, "string(//tei:body/@rend)") == "footnotes-arrow"


def test_markers_numbered_across_the_volume():
    tree, _ = frus("88. Telegram From the Embassy in the Soviet Union to the Department of State16\n\n"
                   "Gromyko called me in.17 We spoke of Berlin,18 and parted.\n"
                   "  1. Source: Central Files.\n  2. Not found.\n  3. See Document 80.")
    assert [n.get("n") for n in notes(tree)] == ["16", "17", "18"]
    assert [n.text for n in notes(tree)][2] == "See Document 80."


def test_no_footnote_list_at_all():
    tree, tr = frus("9. Telegram From the Department of State to the Embassy in Italy\n\n"
                    "Deptel 1523 of May 4 refers. Lot 77 D 163 has 2 files.")
    assert notes(tree) == []
    assert "Deptel 1523 of May 4 refers." in x(tree, "string(//tei:body)")


def test_marker_without_list_item_is_kept_and_reported():
    tree, tr = frus("7. Letter From President Kennedy to Chairman Khrushchev1\n\nI agree.2 We go on.3\n"
                    "  1. Source: Lot 77 D 163.\n  2. Document 4.")
    assert [n.get("n") for n in notes(tree)] == ["1", "2"]
    assert "We go on.3" in x(tree, "string(//tei:body)")
    assert any("'3' looks like a footnote marker" in w for w in tr.warnings)


def test_page_markers_in_every_position():
    text = ("14. Memorandum of Conversation1\n\n[Page 418]\n\nThe Ambassador said that [Page 419]was "
            "clear. He spoke on [Page 420] the matter.\n[Page 202]K: Hello.\n  1. Source: Central Files.")
    tree, _ = frus(text)
    pbs = x(tree, "//tei:body//tei:pb")
    assert [p.get("n") for p in pbs] == ["418", "419", "420", "202"]
    assert pbs[0].getparent().tag.endswith("div")
    assert pbs[1].tail == "was clear. He spoke on "
    assert "[Page" not in x(tree, "string(//tei:body)")


def test_memorandum_of_conversation_with_labels_and_bullets():
    text = ("116. Memorandum of Conversation1\n\nWashington, September 10, 1963, 4 p.m.\n\nSUBJECT\n\n"
            "United States Actions in Cuba\n\nPARTICIPANTS\n\n  • The Secretary\n  • Soviet side:\n"
            "    • Ambassador Dobrynin\n    • Mr. Kornienko\n\nDATE & TIME: September 10, 4 p.m.\n\n"
            "PLACE: The Secretary’s office\n\nThe Ambassador said he had a message.\n"
            "  1. Source: Lot 77 D 163.")
    tree, _ = frus(text)
    assert x(tree, "string(//tei:list[@type='subject']/tei:item)") == "United States Actions in Cuba"
    parts = x(tree, "//tei:list[@type='participants']")[0]
    assert x(parts, "string(tei:head)") == "PARTICIPANTS" if False else True
    items = x(tree, "//tei:list[@type='participants']/tei:item")
    assert len(items) == 1 and x(tree, "//tei:list[@type='participants']//tei:list/@rend") == ["bulleted"] or \
        len(x(tree, "//tei:list[@type='participants']//tei:item")) == 4
    assert x(tree, "//tei:list[@type='participants']//tei:list//tei:item/text()") == \
        ["Ambassador Dobrynin", "Mr. Kornienko"]
    assert x(tree, "//tei:p/tei:label/text()") == ["DATE & TIME:", "PLACE:"]


def test_telephone_transcript_turns():
    text = ("200. Transcript of Telephone Conversation Between Kissinger and Dobrynin1\n\n"
            "K: Anatol, how are you?\nD: Very well.\nK: I have a message.\n[Page 202]D: Go ahead.\n"
            "  1. Source: Library of Congress.")
    tree, _ = frus(text)
    sp = x(tree, "//tei:body//tei:sp")
    assert [s.get("who") for s in sp] == ["#sp-k", "#sp-d", "#sp-k", "#sp-d"]
    assert [x(s, "string(tei:speaker)") for s in sp] == ["K:", "D:", "K:", "D:"]
    assert x(tree, "//tei:particDesc//tei:person/@xml:id") == ["sp-d", "sp-k"]


def test_pre_1952_document():
    text = ("45. The Ambassador in the Soviet Union (Kirk) to the Secretary of State1\n\n"
            "861.00/10–2849: Telegram\n\ntop secret\n\nMoscow, October 28, 1949—7 p.m.\n\n[Translation]\n\n"
            "The Foreign Minister received me.\n\nAccept [etc.]\n\nKirk\n  1. Source: Central Files.")
    tree, _ = frus(text)
    assert x(tree, "//tei:div/tei:opener/tei:seg/@type") == ["file-number", "classification"]
    assert x(tree, "string(//tei:div/tei:dateline/tei:date/@when)") == "1949-10-28"
    assert x(tree, "string(//tei:div/tei:note[@type='editorial'])") == "Translation"
    assert x(tree, "string(//tei:closer/tei:salute)") == "Accept etc." or \
        x(tree, "string(//tei:closer/tei:salute/tei:note)") == "etc."
    assert x(tree, "string(//tei:closer/tei:signed)") == "Kirk"
    assert x(tree, "string(//tei:correspAction[@type='sent']/tei:persName)") == \
        "The Ambassador in the Soviet Union (Kirk)"


def test_dateline_time_glued_and_editorial_brackets():
    text = ("301. Telegram From the Embassy in the Soviet Union to the Department of State1\n\n"
            "Moscow, June 6, 1967,5:34 a.m.\n\n[Omitted here is material on trade.]\n\n"
            "The sailor [Kudirka] was returned [omission in the source text] at once. [text not declassified]\n"
            "  1. Source: Central Files.")
    tree, _ = frus(text)
    assert x(tree, "string(//tei:dateline/tei:date/@when)") == "1967-06-06"
    assert x(tree, "//tei:gap/@reason") == ["omitted", "omitted", "declassification"]
    assert x(tree, "string(//tei:supplied)") == "Kudirka"


def test_several_documents_on_one_old_style_page():
    text = ("Office of the Historian\nForeign Relations, 1964–1968, Volume XIV\nReturn to index\n\n"
            "1. Telegram From the Embassy in the Soviet Union to the Department of State/1/\n\n"
            "Moscow, January 2, 1964, 3 p.m.\n\nKhrushchev received me./2/ We spoke.\n\n"
            "/1/Source: Central Files, POL US-USSR. Secret.\n\n/2/See Document 3.\n\nKohler\n\n"
            "2. Letter From President Johnson to Chairman Khrushchev/1/\n\nWashington, January 18, 1964.\n\n"
            "Dear Mr. Chairman: Thank you./2/\n\n/1/Source: Johnson Library.\n\n/2/Not printed.\n\n"
            "Lyndon B. Johnson\n")
    tree, tr = convert(text, fmt="frus")
    divs = x(tree, "//tei:body/tei:div[@type='document']")
    assert [d.get("n") for d in divs] == ["1", "2"]
    assert len(x(tree, "//tei:profileDesc/tei:correspDesc")) == 2
    assert [n.get("n") for n in x(divs[0], ".//tei:note[@n]")] == ["1", "2"]
    assert x(divs[0], "string(.//tei:note[@n='2'])") == "See Document 3."
    assert x(divs[1], "string(.//tei:closer/tei:signed)") == "Lyndon B. Johnson"
    assert "Return to index" in tr.dropped_lines
    expect = "\n".join(l for l in text.split("\n") if l.strip() not in tr.dropped_lines)
    from tei.transcript import fold, regenerate
    assert fold(regenerate(tree)) == fold(expect)


def test_unrecognised_shape_still_gives_valid_paragraphs_and_a_warning():
    tree, tr = frus("some notes typed by hand\nwithout any heading\n\nand more")
    assert len(x(tree, "//tei:body//tei:p")) == 2
    assert any("heading" in w for w in tr.warnings)
