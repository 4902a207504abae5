"""``tei export cmif``: the edition's correspondence metadata as one CMIF file (for correspSearch).

Each document's ``correspDesc`` becomes a CMIF ``correspDesc`` with ``@ref`` to the document and
``@source`` to the edition's ``bibl``. Names point to authority URIs where the edition's records
have them (VIAF, then the Office of the Historian's page); otherwise the name stands without
``@ref`` (CMIF allows that; an identifier is never made up).
"""
from __future__ import annotations

import uuid
from pathlib import Path

from lxml import etree

from .xmlsafe import NSMAP, TEI_NS, XML_NS, parse

T = "{%s}" % TEI_NS
EDITION = "Diplomatic Correspondence TEI Edition"
BIBL_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "tei-correspondence:edition"))  # stable, ours
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def _uris(authority_dir: Path) -> dict[str, str]:
    """record xml:id -> the best authority URI it has."""
    out = {}
    for f in ("persons.xml", "orgs.xml", "places.xml"):
        p = authority_dir / f
        if not p.exists():
            continue
        for el in parse(p).getroot().iter(T + "person", T + "org", T + "place"):
            idnos = {i.get("type"): i.text for i in el.findall(T + "idno")}
            if idnos.get("VIAF"):
                out[el.get("{%s}id" % XML_NS)] = f"http://viaf.org/viaf/{idnos['VIAF']}"
            elif idnos.get("URI"):
                out[el.get("{%s}id" % XML_NS)] = idnos["URI"]
    return out


def E(tag, attrs=None, text=None, *children):
    el = etree.Element(T + tag, nsmap={None: TEI_NS})
    for k, v in (attrs or {}).items():
        if v is not None:
            el.set("{%s}id" % XML_NS if k == "xml:id" else k, v)
    el.text = text
    for c in children:
        el.append(c)
    return el


def build_cmif(tei_dir: Path, authority_dir: Path, base_url: str = "", date: str | None = None) -> etree._Element:
    uris = _uris(authority_dir)
    header = E("teiHeader")
    fd = etree.SubElement(header, T + "fileDesc")
    fd.append(E("titleStmt", None, None, E("title", None, f"{EDITION}: correspondence metadata (CMIF)"),
                E("editor", None, EDITION)))
    ps = E("publicationStmt", None, None,
           E("publisher", None, None, E("ref", {"target": base_url or "."}, EDITION)),
           E("idno", {"type": "url"}, (base_url.rstrip("/") + "/cmif.xml") if base_url else "cmif.xml"))
    if date is None:
        from datetime import datetime, timezone
        date = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    ps.append(E("date", {"when": date}))
    ps.append(E("availability", None, None, E("licence", {"target": LICENCE}, "CC BY 4.0")))
    fd.append(ps)
    fd.append(E("sourceDesc", None, None, E("bibl", {"type": "online", "xml:id": BIBL_ID},
                                              f"{EDITION}, TEI edition of diplomatic correspondence.")))
    profile = etree.SubElement(header, T + "profileDesc")
    for f in sorted(tei_dir.glob("*.xml")):
        tree = parse(f)
        for cd in tree.getroot().iterfind(".//tei:profileDesc/tei:correspDesc", NSMAP):
            ref = (base_url.rstrip("/") + "/" if base_url else "") + f.name
            if cd.get("corresp"):
                ref += cd.get("corresp")
            out = E("correspDesc", {"ref": ref, "source": "#" + BIBL_ID})
            for action in cd.findall(T + "correspAction"):
                a = E("correspAction", {"type": action.get("type")})
                for tag in ("persName", "orgName", "placeName"):
                    for n in action.findall(T + tag):
                        target = (n.get("ref") or "").split("#")[-1]
                        a.append(E(tag, {"ref": uris.get(target)}, " ".join("".join(n.itertext()).split())))
                d = action.find(T + "date")
                if d is not None and any(d.get(k) for k in ("when", "notBefore", "notAfter", "from", "to")):
                    attrs = {k: d.get(k) for k in ("when", "notBefore", "notAfter", "from", "to") if d.get(k)}
                    if d.get("cert") == "low":  # CMIF knows only cert="low"
                        attrs["cert"] = "low"
                    a.append(E("date", attrs))
                if len(a):
                    out.append(a)
            profile.append(out)
    root = E("TEI")
    root.append(header)
    root.append(E("text", None, None, E("body", None, None, E("p"))))
    etree.indent(root, space="  ")
    return root


def export(tei_dir: Path, authority_dir: Path, target: Path, base_url: str = "", date: str | None = None) -> Path:
    from .convert import atomic_write
    root = build_cmif(tei_dir, authority_dir, base_url, date)
    atomic_write(target, etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n")
    return target
