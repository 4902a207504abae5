"""Property-based tests: FRUS- and Wilson-shaped transcripts from a small grammar of real pages."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from helpers import convert, preceding_text, roundtrip_ok, x
from tei.transcript import fold, regenerate

WORDS = ("the embassy minister talks question government Berlin Moscow agreement proposal treaty side "
         "position meeting letter message view problem situation conference reply visit").split()
SAFE_NUMBERS = ["Deptel 1523", "Lot 77 D 163", "Document 248", "on July 20, 1954", "Dulte 4"]

word = st.sampled_from(WORDS)


@st.composite
def sentence(draw):
    words = draw(st.lists(word, min_size=3, max_size=9))
    if draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(SAFE_NUMBERS)))
    s = " ".join(words)
    if draw(st.integers(0, 4)) == 0:  # a quoted term or a quoted sentence
        k = draw(st.integers(1, len(words)))
        s = "“" + " ".join(words[:k]) + "”" + (" " + " ".join(words[k:]) if words[k:] else "")
    return s[0].upper() + s[1:] + draw(st.sampled_from([".", ".", ",", ";"])).replace(",", ".").replace(";", ".")


@st.composite
def frus_transcript(draw):
    m0 = draw(st.sampled_from([0, 1, 16]))
    paras = draw(st.lists(st.lists(sentence(), min_size=1, max_size=4), min_size=1, max_size=6))
    marker = m0 + 1
    glued_to = []
    body = []
    for k, sents in enumerate(paras):
        text = " ".join(sents)
        if draw(st.booleans()):  # a footnote marker glued to the end of a sentence or a word
            words = text.split(" ")
            i = draw(st.integers(0, len(words) - 1))
            if not words[i][-1].isdigit():
                glued_to.append(words[i])
                words[i] += str(marker)
                marker += 1
            text = " ".join(words)
        if draw(st.integers(0, 3)) == 0:  # an inline page break
            words = text.split(" ")
            i = draw(st.integers(1, len(words)))
            words.insert(i, f"[Page {100 + k}]")
            text = " ".join(words)
        body.append(text)
        if draw(st.integers(0, 4)) == 0:
            body.append(f"[Page {200 + k}]")
    n_notes = marker - m0
    items = ["  1. Source: Department of State, Central Files, 611.61/12-2961. Secret."]
    items += [f"  {i + 1}. " + draw(sentence()) for i in range(1, n_notes)]
    sep = draw(st.sampled_from(["", " "]))
    signature = draw(st.sampled_from(["", "\n\nRusk", "\n\nJohn F. Kennedy"]))
    text = (f"{draw(st.integers(1, 999))}. Telegram From the Department of State to the Embassy in the Soviet "
            f"Union{sep}{m0}\n\n" + draw(st.sampled_from(["\n\n", "\n"])).join(body) + signature + "\n"
            + "\n".join(items))
    return text, m0, n_notes, glued_to


@given(frus_transcript())
def test_frus_notes_land_where_their_markers_stood_and_text_comes_back(case):
    text, m0, n_notes, glued_to = case
    tree, tr = convert(text, fmt="frus")
    assert roundtrip_ok(text, tree)
    notes = x(tree, "//tei:text//tei:note[@n]")
    assert [n.get("n") for n in notes] == [str(m0 + i) for i in range(n_notes)]
    assert notes[0].getparent().tag.endswith("head") and notes[0].get("type") == "source"
    for note, w in zip(notes[1:], glued_to):
        assert preceding_text(note).endswith(w)


GLYPHS = ['"', "“", "”", "''", "…", ". . ."]


@st.composite
def wilson_transcript(draw):
    paras = []
    for _ in range(draw(st.integers(1, 6))):
        words = draw(st.lists(word, min_size=2, max_size=12))
        for _ in range(draw(st.integers(0, 4))):  # stray or shuffled quotation glyphs
            i = draw(st.integers(0, len(words)))
            g = draw(st.sampled_from(GLYPHS))
            words.insert(i, g if draw(st.booleans()) else g + draw(word))
        if draw(st.booleans()):
            words += [draw(st.sampled_from(["R. Kennedy said.", "I asked.", "replied the minister."]))]
        paras.append(" ".join(words))
    sep = draw(st.sampled_from(["\n", "\n\n\n", "\n\u00a0\n"]))
    return ("Back to Inquiry Set\n\nCable, Test Author to the Ministry, 1 May 1962\n\nA cable.\n\n"
            "Author, Test\n1962 May 1\n\nCable, Test Author to the Ministry, History and Public Policy Program "
            "Digital Archive.\n\n" + sep.join(paras) + "\n")


@given(wilson_transcript())
def test_wilson_quote_glyphs_and_breaks_never_lose_text(text):
    tree, tr = convert(text)
    assert tr.source == "wilson"
    expect = "\n".join(line for line in text.split("\n") if line.strip() not in tr.dropped_lines)
    assert fold(regenerate(tree)) == fold(expect)
    assert not x(tree, "//tei:said//tei:said")
