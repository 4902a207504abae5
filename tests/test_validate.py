"""`tei validate` / `make validate` (issue 6): every check, one command, messages an editor can act on."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from typer.testing import CliRunner

from conftest import CORPUS_TEI, ROOT
from tei.cli import app
from tei.mutants import OPERATORS, mutants

runner = CliRunner()
SEED = next(CORPUS_TEI.glob("000_*.xml"))


def run(*args):
    return runner.invoke(app, ["validate", *map(str, args)])


def test_the_committed_corpus_passes():
    res = run(CORPUS_TEI)
    assert res.exit_code == 0, res.output
    assert "4 file(s) checked: 0 error(s)" in res.output


def test_default_paths_are_the_corpus(monkeypatch):
    monkeypatch.chdir(ROOT)
    res = run()
    assert res.exit_code == 0 and "file(s) checked" in res.output


def test_each_kind_of_mutation_fails_with_a_precise_line(tmp_path):
    for m in mutants([SEED], per_kind=1, seed=3):
        d = tmp_path / m.kind
        d.mkdir()
        (d / m.source).write_bytes(m.data)
        res = run(d / m.source)
        assert res.exit_code == 1, m.kind
        lines = [line for line in res.output.splitlines() if f"{m.source}:{m.line}:" in line and ": error [" in line]
        assert lines, f"{m.kind}: nothing reported at line {m.line}:\n{res.output}"
        assert any(m.cause.lower() in line.lower() for line in lines), f"{m.kind}: {lines}"
    assert len(OPERATORS) >= 10


def test_misleading_libxml2_message_is_put_right(tmp_path):
    bad = tmp_path / SEED.name
    bad.write_text(SEED.read_text(encoding="utf-8").replace('when="1961-12-29"', 'when="29 Dec 1961"'),
                   encoding="utf-8")
    res = run(bad)
    line = next(l for l in res.output.splitlines() if "[rng]" in l or "[xsd]" in l)
    where = next(i for i, t in enumerate(bad.read_text(encoding="utf-8").split("\n"), 1) if "29 Dec 1961" in t)
    assert f"{SEED.name}:{where}:" in line and '@when="29 Dec 1961" on <date>' in line and "ISO" in res.output


def test_output_formats(tmp_path):
    bad = tmp_path / SEED.name
    bad.write_text(SEED.read_text(encoding="utf-8").replace('<pb n="715"/>', "<pb/>"), encoding="utf-8")
    res = run(bad, "--format", "json")
    data = json.loads(res.output)
    assert data["errors"] >= 1 and data["files"] == 1
    assert {"path", "line", "col", "severity", "rule", "message"} <= set(data["problems"][0])
    res = run(bad, "--format", "github")
    where = next(i for i, t in enumerate(bad.read_text(encoding="utf-8").split("\n"), 1) if "<pb/>" in t)
    assert res.output.startswith("::error file=") and f",line={where}," in res.output
    assert run(bad, "--format", "xml").exit_code == 2


def test_sorted_by_file_and_line_with_a_summary(tmp_path):
    for name in ("b.xml", "a.xml"):
        (tmp_path / name).write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<oops></TEI>", encoding="utf-8")
    res = run(tmp_path)
    lines = res.output.splitlines()
    assert lines[0].startswith(str(tmp_path / "a.xml") + ":2:") and "[wellformed]" in lines[0]
    assert lines[1].startswith(str(tmp_path / "b.xml"))
    assert lines[-1] == "2 file(s) checked: 2 error(s), 0 warning(s)"


def test_warnings_fail_only_with_strict(tmp_path):
    warn = tmp_path / SEED.name
    warn.write_text(re.sub(r'(<correspAction type="received">)\s*<persName.*?</persName>\s*<orgName.*?</orgName>',
                           r"\1<note>unknown</note>", SEED.read_text(encoding="utf-8"), flags=re.S), encoding="utf-8")
    assert run(warn).exit_code == 0
    res = run(warn, "--strict")
    assert res.exit_code == 1 and "warning [corresp-party]" in res.output


def test_usage_errors_exit_2(tmp_path):
    assert run(tmp_path / "nope.xml").exit_code == 2


def test_pointers_into_other_files_are_resolved(tmp_path):
    (tmp_path / "authority").mkdir()
    (tmp_path / "authority" / "persons.xml").write_text(
        "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><listPerson><person xml:id='per-a'/>"
        "</listPerson></body></text></TEI>", encoding="utf-8")
    tei = tmp_path / "tei"
    tei.mkdir()
    text = SEED.read_text(encoding="utf-8").replace(
        '<orgName ref="../authority/orgs.xml#org-department-of-state">the Department of State</orgName>',
        "<orgName ref=\"../authority/persons.xml#per-a\">the Department of State</orgName>"
        "<persName ref=\"../authority/persons.xml#per-z\">Rusk</persName>"
        "<persName ref=\"../authority/people.xml#per-a\">Rusk</persName>")
    (tei / SEED.name).write_text(text, encoding="utf-8")
    res = run(tei / SEED.name)
    xref = [l for l in res.output.splitlines() if "[xref]" in l and ("per-z" in l or "people.xml" in l)]
    assert len(xref) == 2
    assert any('has no xml:id "per-z"' in l for l in xref) and any("does not exist" in l for l in xref)


def test_validation_accuracy_meets_the_target():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "validation_accuracy.py"), "--per-kind", "15",
                          "--check"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "| all | 210 | 210 |" in out.stdout
