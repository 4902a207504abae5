from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TRANSCRIPTS = ROOT / "corpus" / "transcripts"
CORPUS_TEI = ROOT / "corpus" / "tei"


def seed(prefix: str) -> Path:
    return next(TRANSCRIPTS.glob(prefix + "_*.txt"))


def need_shared(sub: str) -> Path:
    path = SHARED / sub
    if not path.exists():
        pytest.skip(f"{path} is not there: the shared material (../shared/{sub}) is needed for this test")
    return path
