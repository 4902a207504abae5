"""The `tei` command as an editor uses it: exit codes, summaries, hand-edited files."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from conftest import TRANSCRIPTS, seed
from tei.cli import app
from tei.transcript import fold

runner = CliRunner()
GOOD = "1. Letter From President Kennedy to Chairman Khrushchev1\n\nDear Mr. Chairman: Thanks.\n  1. Source: Lot 77."


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_batch_goes_on_past_a_bad_file_and_exits_1(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "b.txt").write_text("", encoding="utf-8")
    (src / "c.txt").write_bytes(b"\x00\x01\x02binary")
    (src / "d.txt").write_text(GOOD.replace("1. Letter", "2. Letter"), encoding="utf-8")
    res = run("convert", src, "-o", tmp_path / "out")
    assert res.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.xml", "d.xml"]
    assert "b.txt:1: the file is empty" in res.output
    assert "c.txt:1: this is a binary file" in res.output
    assert "4 transcript(s): 2 failed, 2 written" in res.output


def test_all_converted_exits_0_and_rerun_is_unchanged(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert run("convert", tmp_path / "a.txt", "-o", tmp_path / "out").exit_code == 0
    res = run("convert", tmp_path / "a.txt", "-o", tmp_path / "out")
    assert res.exit_code == 0 and "1 unchanged" in res.output


def test_usage_errors_exit_2(tmp_path):
    assert run("convert", tmp_path / "missing.txt", "-o", tmp_path).exit_code == 2
    assert run("convert", tmp_path, "-o", tmp_path).exit_code == 2  # no *.txt in it
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert run("convert", tmp_path / "a.txt", "-o", tmp_path, "--format", "pdf").exit_code == 2
    assert run("convert", tmp_path / "a.txt").exit_code == 2  # -o is required


def test_hand_edited_tei_is_never_overwritten_silently(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    run("convert", tmp_path / "a.txt", "-o", out)
    tei = out / "a.xml"
    edited = tei.read_text(encoding="utf-8").replace("Thanks.", "Thanks (corrected by hand).")
    tei.write_text(edited, encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD.replace("Thanks.", "Thank you."), encoding="utf-8")
    res = run("convert", tmp_path / "a.txt", "-o", out)
    assert res.exit_code == 1
    assert "edited after it was generated" in res.output and "--force" in res.output
    assert tei.read_text(encoding="utf-8") == edited
    res = run("convert", tmp_path / "a.txt", "-o", out, "--force")
    assert res.exit_code == 0
    assert "Thank you." in tei.read_text(encoding="utf-8")
    assert (out / "a.xml.bak").read_text(encoding="utf-8") == edited


def test_no_temporary_files_are_left(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    run("convert", tmp_path / "a.txt", "-o", tmp_path / "out")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.xml"]


def test_tei_text_prints_the_transcript(tmp_path):
    src = seed("000")
    run("convert", src, "-o", tmp_path)
    res = run("text", tmp_path / (src.stem + ".xml"))
    assert res.exit_code == 0
    assert fold(res.output) == fold(src.read_text(encoding="utf-8"))
    assert run("text", tmp_path / "missing.xml").exit_code == 2


def test_installed_command_runs():
    exe = Path(sys.executable).with_name("tei")
    if not exe.exists():
        exe = shutil.which("tei")
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "convert" in out.stdout


def test_wilson_seed_converts_in_a_batch(tmp_path):
    res = run("convert", TRANSCRIPTS, "-o", tmp_path)
    assert res.exit_code == 0, res.output
    assert len(list(tmp_path.glob("*.xml"))) == len(list(TRANSCRIPTS.glob("*.txt")))
