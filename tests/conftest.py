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


# Hypothesis profiles: a quick one for `make test`, a long one for `make fuzz`
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "ci"))
