"""Correspondence metadata, authority records and CMIF (issue 4)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS_TEI, ROOT, need_shared
from helpers import convert, x
from tei.authority import Authority
from tei.frus import _file_number_date
from tei.xmlsafe import parse

AUTH = ROOT / "corpus" / "authority"


def corresp(prefix):
    tree = parse(next(CORPUS_TEI.glob(prefix + "_*.xml")))
    def get(action, what):
        return x(tree, f"string(//tei:correspAction[@type='{action}']/{what})")
    return tree, get


def test_seed_000_department_to_embassy_with_signer_and_ambassador():
    tree, get = corresp("000")
    assert get("sent", "tei:orgName") == "the Department of State"
    assert get("sent", "tei:persName/@ref").endswith("#per-david-dean-rusk")
    assert get("sent", "tei:date/@when") == "1961-12-29" and get("sent", "tei:date/@cert") == "medium"
    assert get("received", "tei:orgName") == "the Embassy in the Soviet Union"
    assert get("received", "tei:persName/@ref").endswith("#per-llewellyn-e-thompson-jr")
    assert "chiefs of mission" in get("received", "tei:note[@type='evidence']")
    assert "signed by" in get("sent", "tei:note[@type='evidence']")


def test_seed_001_dulles_in_paris():
    tree, get = corresp("001")
    assert get("sent", "tei:persName/@ref").endswith("#per-john-foster-dulles")
    assert get("sent", "tei:placeName") == "Paris" and get("sent", "tei:placeName/@cert") == "low"
    assert get("sent", "tei:date/@when") == "1955-05-08"
    assert get("received", "tei:orgName") == "the Department of State"


def test_seed_002_dobrynin_to_the_foreign_ministry():
    tree, get = corresp("002")
    assert get("sent", "tei:persName") == "Dobrynin, Anatoly Fedorovich"
    assert get("sent", "tei:persName/@ref").endswith("#per-anatoly-f-dobrynin")
    assert get("sent", "tei:placeName") == "Washington"
    assert get("sent", "tei:date/@when") == "1962-10-27"
    assert get("received", "tei:orgName") == "the Soviet Foreign Ministry"


def test_seed_003_kennedy_to_khrushchev_dated_only_as_far_as_the_evidence_goes():
    tree, get = corresp("003")
    assert get("sent", "tei:persName") == "President Kennedy"
    assert get("received", "tei:persName/@ref").endswith("#per-nikita-sergeyevich-khrushchev")
    assert get("sent", "tei:date/@when") == ""
    assert get("sent", "tei:date/@notBefore") == "1961-10-24" and get("sent", "tei:date/@cert") == "low"


def test_every_name_and_speaker_points_to_a_record():
    ids = {}
    for f in AUTH.glob("*.xml"):
        ids[f.name] = set(parse(f).getroot().xpath("//@xml:id"))
    for f in CORPUS_TEI.glob("*.xml"):
        tree = parse(f)
        for el in x(tree, "//tei:correspDesc//tei:persName | //tei:correspDesc//tei:orgName | "
                          "//tei:correspDesc//tei:placeName"):
            fname, frag = el.get("ref").split("#")
            assert frag in ids[fname.split("/")[-1]], (f.name, el.get("ref"))
        local = {p.get("{http://www.w3.org/XML/1998/namespace}id"): p for p in x(tree, "//tei:particDesc//tei:person")}
        for said in x(tree, "//tei:said[@who]"):
            person = local[said.get("who")[1:]]
            fname, frag = person.get("sameAs").split("#")
            assert frag in ids[fname.split("/")[-1]]


def test_no_identifier_is_invented():
    people = need_shared("authority") / "hsg-people.jsonl"
    hsg = {d["id"]: d for d in map(json.loads, people.read_text(encoding="utf-8").splitlines())}
    for el in parse(AUTH / "persons.xml").getroot().iter("{http://www.tei-c.org/ns/1.0}person"):
        idnos = {i.get("type"): i.text for i in el.findall("{http://www.tei-c.org/ns/1.0}idno")}
        if "HSG" in idnos:
            d = hsg[idnos["HSG"]]
            assert idnos.get("URI") == d.get("hsg_url")
            assert idnos.get("VIAF") == (d.get("authorities") or {}).get("viaf")
        else:
            assert not idnos


def test_offices_resolve_to_who_held_them():
    a = Authority(AUTH, need_shared("authority"))
    assert a.office_holder("russia", "1961-12-29")["pocom"] == "thompson-llewellyn-e"
    assert a.office_holder("secretary", "1961-12-29")["pocom"] == "rusk-david-dean"
    assert a.office_holder("secretary", "1955-05-08")["pocom"] == "dulles-john-foster"
    assert a.hsg_lookup("Robert F. Kennedy")["id"] == "107032"
    assert a.hsg_lookup("R. Kennedy", hint="Attorney General")["id"] == "107032"  # several R. Kennedys
    assert a.hsg_lookup("Rusk", hint="Secretary")["id"] == "111738"


def test_file_number_dates():
    assert _file_number_date("611.61/12-2961") == "1961-12-29"
    assert _file_number_date("396.1/5–855") == "1955-05-08"


def test_dateline_and_date_time_group():
    tree, tr = convert("5. Telegram From the Embassy in France to the Department of State1\n\n"
                       "Paris, May 8, 1955, 0533Z.\n\nText.\n  1. Source: Central Files, 396.1/5–855. Secret.", "frus")
    assert x(tree, "string(//tei:correspAction[@type='sent']/tei:date/@when)") == "1955-05-08T05:33:00Z"
    assert x(tree, "string(//tei:correspAction[@type='sent']/tei:placeName)") == "Paris"
    assert "from the dateline" in x(tree, "string(//tei:correspAction[@type='sent']/tei:note)")


def test_works_without_the_external_data(tmp_path):
    from tei.convert import convert_text
    from tei.xmlsafe import parse_bytes
    text = next((ROOT / "corpus" / "transcripts").glob("000_*.txt")).read_text(encoding="utf-8")
    data, tr = convert_text(text, "000_f453216019a736db", "000_f453216019a736db.txt",
                            authority=Authority(AUTH, None))
    tree = parse_bytes(data)
    assert x(tree, "string(//tei:correspAction[@type='sent']/tei:persName/@ref)").endswith("#per-david-dean-rusk")


def test_new_names_get_records_and_a_warning(tmp_path):
    from tei.convert import convert_text
    auth = Authority(AUTH, None)
    data, tr = convert_text("7. Letter From Ambassador Zorbakov to the Ministry of Testing\n\nHello.", "t", "t.txt",
                            authority=auth)
    assert any("new person record per-ambassador-zorbakov" in m for m in tr.log)
    assert any("new org record org-ministry-of-testing" in m for m in tr.log)
    auth.dir = tmp_path
    auth.save()
    assert "Zorbakov" in (tmp_path / "persons.xml").read_text(encoding="utf-8")


def test_authority_records_are_valid(tmp_path):
    from tei.validate import Validator
    v = Validator()
    for f in AUTH.glob("*.xml"):
        assert [p for p in v.file(f) if p.severity == "error"] == [], f


@pytest.fixture(scope="module")
def cmif(tmp_path_factory):
    from tei.cmif import export
    return export(CORPUS_TEI, AUTH, tmp_path_factory.mktemp("cmif") / "cmif.xml")


def test_cmif_is_valid_with_jing(cmif):
    rng = need_shared("cmif") / "cmi-customization.rng"
    jing = shutil.which("pyjing") or str(Path(sys.executable).with_name("pyjing"))
    if not shutil.which("java"):
        pytest.skip("Jing needs java")
    out = subprocess.run([jing, str(rng), str(cmif)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_cmif_passes_the_cmif_schematron(cmif):
    from tei.schematron import Schematron
    s = Schematron(need_shared("cmif") / "cmif.sch")
    assert [f for f in s.run(cmif.read_bytes(), cmif.as_uri()) if f.role != "warning"] == []
    tree = parse(cmif)
    assert len(x(tree, "//tei:profileDesc/tei:correspDesc")) == len(list(CORPUS_TEI.glob("*.xml")))
    assert "http://viaf.org/viaf/64007537" in x(tree, "//tei:persName/@ref")
