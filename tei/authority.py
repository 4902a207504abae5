"""Authority records: the edition's people, organizations and places, and the external data that
identifies them.

The edition keeps its own records in ``corpus/authority/persons.xml``, ``orgs.xml`` and
``places.xml`` (TEI ``listPerson``/``listOrg``/``listPlace``). Where the Office of the Historian's
data is at hand (``hsg-people.jsonl`` and ``pocom.json``; ``--authority DIR``, ``$TEI_AUTHORITY``,
or ``../shared/authority``), a person gets that database's id, page and VIAF number, and an office
("the Embassy in the Soviet Union", "the Secretary") resolves to whoever held it on the document's
date. No identifier is ever made up: an external id appears only when it comes from those files.
Without them the committed records are used as they are.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .xmlsafe import TEI_NS, parse

T = "{%s}" % TEI_NS
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
ROOT = Path(__file__).resolve().parent.parent
AUTHORITY_DIR = ROOT / "corpus" / "authority"
TITLES = {"president", "chairman", "premier", "secretary", "ambassador", "minister", "mr.", "mrs.", "prime",
          "foreign", "acting", "general", "comrade", "attorney", "the", "of", "state", "soviet", "u.s.", "us",
          "president-elect", "chancellor", "dr.", "vice", "deputy", "under"}
# FRUS names a country as "the Soviet Union"; the chiefs-of-mission data files it under its
# mission's name
MISSIONS = {"soviet union": "russia", "ussr": "russia", "union of soviet socialist republics": "russia",
            "united kingdom": "united-kingdom", "great britain": "united-kingdom", "britain": "united-kingdom",
            "federal republic of germany": "germany", "west germany": "germany"}


def slug(text: str) -> str:
    base = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", base).strip("-") or "x"


def external_dir(given: str | Path | None = None) -> Path | None:
    """Where hsg-people.jsonl and pocom.json are: the option, $TEI_AUTHORITY, ../shared/authority."""
    for cand in (given, os.environ.get("TEI_AUTHORITY"), ROOT.parent / "shared" / "authority"):
        if cand and (Path(cand) / "hsg-people.jsonl").exists():
            return Path(cand)
    return None


@dataclass
class Record:
    kind: str  # person | org | place
    xml_id: str
    name: str
    variants: list[str] = field(default_factory=list)
    idnos: dict[str, str] = field(default_factory=dict)  # type -> value (from shipped data only)
    birth: str | None = None
    death: str | None = None
    role: str | None = None
    new: bool = False


SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii"}


def _tokens(name: str) -> list[str]:
    name = re.sub(r"\(.*?\)|“.*?”", " ", name)
    toks = [t.rstrip(".") if len(t.rstrip(".")) > 1 else t for t in re.findall(r"[\w'’-]+\.?", name.lower())]
    return [t for t in toks if t not in TITLES and t not in SUFFIXES]


def _reading(name: str) -> str:
    """'Thompson, Llewellyn E. (“Tommy”), Jr.' -> 'Llewellyn E. Thompson, Jr.'"""
    name = " ".join(re.sub(r"\(.*?\)|“.*?”", " ", name).split()) if "," in name else name.strip()
    parts = [x.strip() for x in name.split(",") if x.strip()]
    if len(parts) >= 2:
        suffix = [x for x in parts[2:] if x.lower().rstrip(".") in ("jr", "sr", "ii", "iii")]
        return f"{parts[1]} {parts[0]}" + (f", {suffix[0]}" if suffix else "")
    return name


class Authority:
    def __init__(self, records_dir: Path = AUTHORITY_DIR, external: Path | None = None) -> None:
        self.dir = records_dir
        self.external = external
        self.records: dict[str, Record] = {}
        self.changed = False
        for kind, fname in (("person", "persons.xml"), ("org", "orgs.xml"), ("place", "places.xml")):
            if (records_dir / fname).exists():
                self._load(kind, records_dir / fname)
        self._hsg: list[dict] | None = None
        self._pocom: dict | None = None

    # --- the committed records --------------------------------------------------------------
    def _load(self, kind: str, path: Path) -> None:
        tag = {"person": "person", "org": "org", "place": "place"}[kind]
        name_tag = {"person": "persName", "org": "orgName", "place": "placeName"}[kind]
        for el in parse(path).getroot().iter(T + tag):
            names = [" ".join("".join(n.itertext()).split()) for n in el.findall(T + name_tag)]
            rec = Record(kind, el.get(XML_ID), names[0] if names else el.get(XML_ID), names[1:])
            for idno in el.findall(T + "idno"):
                rec.idnos[idno.get("type")] = idno.text
            for tagname in ("birth", "death"):
                e = el.find(T + tagname)
                if e is not None:
                    setattr(rec, tagname, e.get("when"))
            note = el.find(T + "note")
            rec.role = note.text if note is not None else None
            self.records[rec.xml_id] = rec

    # --- the external data ------------------------------------------------------------------
    @property
    def hsg(self) -> list[dict]:
        if self._hsg is None:
            self._hsg = []
            if self.external and (self.external / "hsg-people.jsonl").exists():
                with open(self.external / "hsg-people.jsonl", encoding="utf-8") as f:
                    self._hsg = [json.loads(line) for line in f if line.strip()]
        return self._hsg

    @property
    def pocom(self) -> dict:
        if self._pocom is None:
            self._pocom = {"people": {}, "positions": []}
            if self.external and (self.external / "pocom.json").exists():
                self._pocom = json.loads((self.external / "pocom.json").read_text(encoding="utf-8"))
        return self._pocom

    @property
    def hsg_index(self) -> tuple[dict, dict]:
        """(name tokens -> records, surname -> [(tokens, record)]) over every name form."""
        if getattr(self, "_index", None) is None:
            exact: dict[tuple, list] = {}
            by_surname: dict[str, list] = {}
            for d in self.hsg:
                seen = set()
                for form in [d["name"]] + d.get("variants", []) + d.get("alternates", []):
                    toks = tuple(_tokens(_reading(form)))
                    if not toks or toks in seen:
                        continue
                    seen.add(toks)
                    exact.setdefault(toks, []).append(d)
                    by_surname.setdefault(toks[-1], []).append((toks, d))
            self._index = (exact, by_surname)
        return self._index

    def hsg_lookup(self, name: str, hint: str = "") -> dict | None:
        """The database's record for a name as printed: exact variant, else surname and forename
        (an initial matches), else a surname alone when one record fits the role given."""
        want = _tokens(_reading(name))
        if not want:
            return None
        index, by_surname = self.hsg_index
        exact = list({id(d): d for d in index.get(tuple(want), [])}.values())
        close = []
        for toks, d in by_surname.get(want[-1], []):
            if len(want) == 1 or (toks[0][:1] == want[0][:1] and (len(want[0].rstrip(".")) == 1
                                                                  or toks[0].rstrip(".") == want[0].rstrip("."))):
                if all(c is not d for c in close):
                    close.append(d)
        for pool in (exact, close):
            if len(pool) == 1:
                return pool[0]
            if pool and hint:  # several: the one whose role fits ("Secretary of State")
                fitting = [d for d in pool if hint.lower() in (d.get("remark") or "").lower()]
                if len(fitting) == 1:
                    return fitting[0]
            if pool:
                best = max(pool, key=lambda d: d.get("sources", 0))
                if len([d for d in pool if d.get("sources", 0) == best.get("sources", 0)]) == 1 and \
                        best.get("sources", 0) >= 5 * max([d.get("sources", 0) for d in pool if d is not best] + [1]):
                    return best
        return None

    def office_holder(self, mission: str, date: str | None) -> dict | None:
        """The POCOM person who held a post (a mission such as "russia", or "secretary") on a date."""
        if not date:
            return None
        day = date[:10]
        held = [p for p in self.pocom["positions"] if p.get("mission") == mission and p.get("started")
                and p["started"] <= day and (not p.get("ended") or day <= p["ended"])
                and (p.get("role", "").startswith(("ambassador", "secretary", "minister", "envoy", "charge"))
                     or p.get("kind") == "principal")]
        if len(held) != 1:
            return None
        pid = held[0]["person"]
        person = self.pocom["people"].get(pid, {})
        return {"pocom": pid, "surname": person.get("surname"), "forename": person.get("forename"),
                "post": held[0].get("label"), "started": held[0].get("started"), "ended": held[0].get("ended")}

    def hsg_for_pocom(self, pocom_id: str) -> dict | None:
        return next((d for d in self.hsg if (d.get("hsg_url") or "").rstrip("/").endswith("/" + pocom_id)), None)

    # --- records for names ------------------------------------------------------------------
    def find(self, kind: str, name: str) -> Record | None:
        for rec in self.records.values():
            if rec.kind == kind and name in [rec.name] + rec.variants:
                return rec
        want = _tokens(_reading(name))
        if kind == "person" and want:
            for rec in self.records.values():
                if rec.kind == "person" and any(_tokens(_reading(n)) == want for n in [rec.name] + rec.variants):
                    return rec
        return None

    def person(self, name: str, hint: str = "", hsg: dict | None = None) -> Record:
        """The record for a person named in a document (found, or added and flagged as new)."""
        hsg = hsg or self.hsg_lookup(name, hint)
        if hsg is not None:
            for rec in self.records.values():
                if rec.idnos.get("HSG") == hsg["id"]:
                    self._variant(rec, name)
                    return rec
        rec = self.find("person", name)
        if rec is not None:
            if hsg is not None and "HSG" not in rec.idnos:
                self._identify(rec, hsg)
                self.changed = True
            return rec
        if hsg is not None:
            rec = Record("person", "per-" + slug(_reading(hsg["name"]).split("(")[0]), _reading(hsg["name"]),
                         new=True)
            self._identify(rec, hsg)
            self._variant(rec, name)
        else:
            rec = Record("person", "per-" + slug(_reading(name)), _reading(name), new=True)
            self._variant(rec, name)
        return self._add(rec)

    def _identify(self, rec: Record, hsg: dict) -> None:
        rec.idnos["HSG"] = hsg["id"]
        if hsg.get("hsg_url"):
            rec.idnos["URI"] = hsg["hsg_url"]
        if (hsg.get("authorities") or {}).get("viaf"):
            rec.idnos["VIAF"] = hsg["authorities"]["viaf"]
        rec.birth = str(hsg["birth"]) if hsg.get("birth") else rec.birth
        rec.death = str(hsg["death"]) if hsg.get("death") else rec.death
        rec.role = hsg.get("remark") or rec.role

    def org(self, name: str) -> Record:
        clean = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
        rec = self.find("org", clean) or self.find("org", name)
        if rec:
            self._variant(rec, name)
            return rec
        return self._add(Record("org", "org-" + slug(clean), clean, [name] if name != clean else [], new=True))

    def place(self, name: str) -> Record:
        rec = self.find("place", name)
        return rec or self._add(Record("place", "pl-" + slug(name), name, new=True))

    def _variant(self, rec: Record, name: str) -> None:
        if name != rec.name and name not in rec.variants:
            rec.variants.append(name)
            self.changed = True

    def _add(self, rec: Record) -> Record:
        base, n = rec.xml_id, 2
        while rec.xml_id in self.records:
            rec.xml_id = f"{base}-{n}"
            n += 1
        self.records[rec.xml_id] = rec
        self.changed = True
        return rec

    # --- writing ----------------------------------------------------------------------------
    def save(self) -> list[Path]:
        from .convert import atomic_write
        written = []
        for kind, fname, list_tag, tag, name_tag, title in (
                ("person", "persons.xml", "listPerson", "person", "persName", "People"),
                ("org", "orgs.xml", "listOrg", "org", "orgName", "Organizations"),
                ("place", "places.xml", "listPlace", "place", "placeName", "Places")):
            recs = sorted((r for r in self.records.values() if r.kind == kind), key=lambda r: r.xml_id)
            data = _document(fname[:-4], title, list_tag, tag, name_tag, recs)
            target = self.dir / fname
            if not target.exists() or target.read_bytes() != data:
                atomic_write(target, data)
                written.append(target)
        self.changed = False
        return written


def _document(stem, title, list_tag, tag, name_tag, recs) -> bytes:
    def E(t, attrs=None, text=None):
        el = etree.Element(T + t, nsmap={None: TEI_NS})
        for k, v in (attrs or {}).items():
            el.set(XML_ID if k == "xml:id" else k, v)
        el.text = text
        return el

    root = E("TEI", {"xml:id": stem})
    header = etree.SubElement(root, T + "teiHeader")
    fd = etree.SubElement(header, T + "fileDesc")
    ts = etree.SubElement(fd, T + "titleStmt")
    ts.append(E("title", text=f"{title} of the edition: authority records"))
    ps = etree.SubElement(fd, T + "publicationStmt")
    ps.append(E("publisher", text="Diplomatic Correspondence TEI Edition"))
    sd = etree.SubElement(fd, T + "sourceDesc")
    sd.append(E("p", text="Records made by `tei convert` from the names in the documents; identifiers from the "
                          "Office of the Historian's people database (HSG, URI, VIAF) where it has the person. "
                          "Records without idno are new names for an editor to review."))
    body = etree.SubElement(etree.SubElement(root, T + "text"), T + "body")
    lst = etree.SubElement(body, T + list_tag)
    for r in recs:
        el = etree.SubElement(lst, T + tag)
        el.set(XML_ID, r.xml_id)
        el.append(E(name_tag, {"type": "preferred"}, r.name))
        for v in r.variants:
            el.append(E(name_tag, {"type": "variant"}, v))
        if r.kind == "person":
            if r.birth:
                el.append(E("birth", {"when": r.birth.zfill(4)}))
            if r.death:
                el.append(E("death", {"when": r.death.zfill(4)}))
        for k in sorted(r.idnos):
            el.append(E("idno", {"type": k}, r.idnos[k]))
        if r.role:
            el.append(E("note", {}, r.role))
    etree.indent(root, space="  ")  # element-only content throughout
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
