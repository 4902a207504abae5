"""The committed edition: every transcript converts, every TEI file gives its transcript back."""
from __future__ import annotations

import pytest

from conftest import CORPUS_TEI, SHARED, TRANSCRIPTS
from tei.convert import convert_text, decode
from tei.transcript import fold, regenerate
from tei.xmlsafe import parse, parse_bytes

TRANSCRIPT_FILES = sorted(TRANSCRIPTS.glob("*.txt"))


def expected(text: str, dropped: list[str]) -> str:
    return fold("\n".join(line for line in text.split("\n") if line.strip() not in dropped))


@pytest.mark.parametrize("path", TRANSCRIPT_FILES, ids=lambda p: p.stem)
def test_transcript_round_trip(path):
    text, _ = decode(path.read_bytes(), str(path))
    data, tr = convert_text(text, path.stem, path.name)
    assert fold(regenerate(parse_bytes(data))) == expected(text, tr.dropped_lines)


@pytest.mark.parametrize("path", TRANSCRIPT_FILES, ids=lambda p: p.stem)
def test_committed_tei_is_up_to_date_and_gives_the_transcript_back(path):
    tei = CORPUS_TEI / (path.stem + ".xml")
    assert tei.exists(), f"{tei} is missing: run `make convert` and commit corpus/tei"
    text, _ = decode(path.read_bytes(), str(path))
    data, tr = convert_text(text, path.stem, path.name)
    if (SHARED / "authority" / "pocom.json").exists():  # the committed files were made with it
        assert tei.read_bytes() == data, f"{tei} is not what the converter writes now: run `make convert`"
    assert fold(regenerate(parse(tei))) == expected(text, tr.dropped_lines)
