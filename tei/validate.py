"""``tei validate``: every check on every file, one line per problem.

Checks run in order for each file: well-formedness (and the refusal of DTDs and entities), then
the edition's structural rules. Each problem carries file, line, column, severity, a rule id and
a message that says what to do.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree

from .xmlsafe import TEI_NS, UnsafeXML, parse


@dataclass(order=True)
class Problem:
    path: str
    line: int
    col: int
    severity: str
    rule: str
    message: str


def collect(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += sorted(q for q in p.rglob("*.xml") if q.is_file()) if p.is_dir() else [p]
    return out


def validate_file(path: Path) -> list[Problem]:
    try:
        tree = parse(path)
    except etree.XMLSyntaxError as e:
        line, col = (e.position if e.position else (1, 0))
        return [Problem(str(path), line or 1, col or 0, "error", "wellformed",
                        f"not well-formed XML: {e.msg}: fix the markup at this point")]
    except UnsafeXML as e:
        return [Problem(str(path), 1, 0, "error", "unsafe-xml", str(e).split(": ", 1)[-1])]
    except OSError as e:
        return [Problem(str(path), 1, 0, "error", "io", f"cannot read the file: {e.strerror}")]
    return structural(path, tree)


def structural(path: Path, tree: etree._ElementTree) -> list[Problem]:
    """Rules that hold for every file of the edition, until the compiled schema checks them all."""
    root = tree.getroot()
    out = []
    if root.tag not in ("{%s}TEI" % TEI_NS, "{%s}listPerson" % TEI_NS, "{%s}listOrg" % TEI_NS,
                        "{%s}listPlace" % TEI_NS, "{%s}teiCorpus" % TEI_NS):
        out.append(Problem(str(path), root.sourceline or 1, 0, "error", "root",
                           f"the root element is <{etree.QName(root).localname}> in namespace "
                           f"{etree.QName(root).namespace or 'none'}; a TEI file starts with "
                           f"<TEI xmlns=\"{TEI_NS}\">"))
    return out


def validate_paths(paths: list[Path]) -> tuple[list[Problem], int]:
    files = collect(paths)
    problems: list[Problem] = []
    for f in files:
        problems += validate_file(f)
    return sorted(problems), len(files)


def report(problems: list[Problem], n_files: int, fmt: str = "text") -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if fmt == "json":
        return json.dumps({"files": n_files, "errors": errors, "warnings": warnings,
                           "problems": [asdict(p) for p in problems]}, indent=2) + "\n"
    lines = []
    for p in problems:
        if fmt == "github":
            lines.append(f"::{p.severity} file={p.path},line={p.line},col={p.col},title={p.rule}::{p.message}")
        else:
            lines.append(f"{p.path}:{p.line}:{p.col}: {p.severity} [{p.rule}] {p.message}")
    lines.append(f"{n_files} file(s) checked: {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines) + "\n"
