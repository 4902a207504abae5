"""Fuzzing (issue 7): real transcripts, randomly damaged, never crash the converter; what it writes
is well-formed, schema-valid and gives the input back. Damaged TEI never crashes `tei validate`.

`make fuzz` runs the same tests with thousands of examples (HYPOTHESIS_PROFILE=fuzz).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from conftest import CORPUS_TEI, ROOT, TRANSCRIPTS
from tei.convert import ConversionError, convert_text, decode
from tei.transcript import fold, regenerate
from tei.validate import Validator
from tei.xmlsafe import parse_bytes

SOURCES = sorted(TRANSCRIPTS.glob("*.txt")) + sorted((Path(__file__).parent / "fixtures" / "wilson").glob("*.txt"))
TEXTS = [decode(p.read_bytes(), str(p))[0] for p in SOURCES]
STRAY = ["[", "]", "“", "”", '"', "''", "…", ". . .", "[Page ", "[Page 12]", "[3]", "/1/", "—", "\u00a0", "7", "12"]
RNG = etree.RelaxNG(etree.parse(str(ROOT / "schemas" / "diplomatic.rng")))


@st.composite
def damaged(draw):
    text = draw(st.sampled_from(TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "stray", "digits", "truncate", "swap"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op in ("stray", "digits"):
            piece = draw(st.sampled_from(STRAY)) if op == "stray" else str(draw(st.integers(0, 30)))
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + piece + lines[i][k:]
        elif op == "truncate":
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k]
            del lines[i + 1:]
    return "\n".join(lines)


@given(damaged())
def test_damaged_transcripts_convert_to_valid_tei_that_gives_them_back(text):
    try:
        data, tr = convert_text(text, "fuzz", "fuzz.txt")
    except ConversionError:
        return  # a clear refusal is a fine answer
    except ValueError as e:
        assert "no text found" in str(e)
        return
    tree = parse_bytes(data)
    assert RNG.validate(tree), RNG.error_log
    expect = "\n".join(line for line in text.split("\n") if line.strip() not in tr.dropped_lines)
    assert fold(regenerate(tree)) == fold(expect)


CORPUS = [p.read_bytes() for p in sorted(CORPUS_TEI.glob("*.xml"))]


@pytest.fixture(scope="module")
def validator():
    return Validator()


@st.composite
def damaged_tei(draw):
    data = bytearray(draw(st.sampled_from(CORPUS)))
    for _ in range(draw(st.integers(1, 5))):
        i = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["delete", "insert", "flip"]))
        if op == "delete":
            del data[i:i + draw(st.integers(1, 40))]
        elif op == "insert":
            data[i:i] = draw(st.sampled_from([b"<", b">", b"&", b"<p>", b"</p>", b'"', b"<!DOCTYPE x>", b"\xff", b"]]>",
                                              b"<xi:include href='/etc/passwd'/>", b"&lol;"]))
        else:
            data[i] = draw(st.integers(0, 255))
    return bytes(data)


@given(data=damaged_tei())
def test_damaged_tei_never_crashes_validate(tmp_path_factory, validator, data):
    f = tmp_path_factory.mktemp("v") / "000_f453216019a736db.xml"
    f.write_bytes(data)
    problems = validator.file(f)
    assert all(p.message and p.line >= 1 for p in problems)
