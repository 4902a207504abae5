"""The customization's Schematron: one pattern per ``constraintSpec``, none dropped.

Rules are copied as written (XPath 2, ``queryBinding="xslt2"``); ``xsl:key`` declarations found in
constraints are lifted to the top of the schema, where Schematron allows them.
"""
from __future__ import annotations

import copy

from lxml import etree

from .odd import SCH_NS, T, XSL_NS, Customization

S = "{%s}" % SCH_NS
NSMAP = {"sch": SCH_NS, "xsl": XSL_NS}
BASE_NS = [("tei", "http://www.tei-c.org/ns/1.0"), ("xs", "http://www.w3.org/2001/XMLSchema"),
           ("rng", "http://relaxng.org/ns/structure/1.0")]


def pattern_id(spec_ident: str, cs: etree._Element, used: set[str]) -> str:
    pid = cs.get("ident") or f"{spec_ident}-constraint"
    if pid in used:
        pid = f"{spec_ident}-{pid}"
    n = 2
    base = pid
    while pid in used:
        pid = f"{base}-{n}"
        n += 1
    used.add(pid)
    return pid


def write_sch(cust: Customization) -> etree._Element:
    schema = etree.Element(S + "schema", nsmap=NSMAP)
    schema.set("queryBinding", "xslt2")
    etree.SubElement(schema, S + "title").text = f"Schematron rules of the {cust.ident} customization"
    namespaces = dict(BASE_NS)
    keys, patterns = [], []
    used: set[str] = set()
    for spec_ident, cs in cust.constraints:
        constraint = cs.find(T + "constraint")
        pat = etree.Element(S + "pattern", id=pattern_id(spec_ident, cs, used))
        desc = cs.find(T + "desc")
        where = f"[{spec_ident}] " if spec_ident else ""
        text = " ".join("".join(desc.itertext()).split()) if desc is not None else ""
        etree.SubElement(pat, S + "p").text = (where + text).strip()
        rules = 0
        for child in (constraint if constraint is not None else []):
            if not isinstance(child.tag, str):
                continue
            if child.tag == S + "ns":
                namespaces.setdefault(child.get("prefix"), child.get("uri"))
            elif child.tag == "{%s}key" % XSL_NS:
                keys.append(copy.deepcopy(child))
            elif child.tag in (S + "rule", S + "let"):
                pat.append(_clean(copy.deepcopy(child)))
                rules += child.tag == S + "rule"
            elif child.tag in (S + "assert", S + "report"):
                rule = etree.SubElement(pat, S + "rule", context=_context(cust, spec_ident))
                rule.append(_clean(copy.deepcopy(child)))
                rules += 1
        if not rules:
            pat[0].text += " (namespace declarations only)"
        patterns.append(pat)
    for prefix, uri in namespaces.items():
        etree.SubElement(schema, S + "ns", prefix=prefix, uri=uri)
    for k in keys:
        schema.append(k)
    schema.extend(patterns)
    etree.cleanup_namespaces(schema, top_nsmap=NSMAP)
    return schema


def _context(cust: Customization, spec_ident: str) -> str:
    if spec_ident in cust.elements:
        return f"tei:{spec_ident}"
    if spec_ident in cust.classes:
        members = cust.members(spec_ident) or [e for e, s in cust.elements.items() if spec_ident in s.member_of]
        return " | ".join(f"tei:{m}" for m in members) or "/*"
    return "/*"


def _clean(el: etree._Element) -> etree._Element:
    """Drop ODD-only attributes the Schematron schema does not allow."""
    for e in el.iter():
        for a in list(e.attrib):
            if a.startswith("{http://www.tei-c.org/ns/1.0}"):
                del e.attrib[a]
    return el
