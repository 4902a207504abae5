"""Running ISO Schematron with XPath 2 and later: the schema is compiled to an XSLT 3.0 stylesheet and
run by Saxon (saxonche). lxml's ``isoschematron`` only knows XPath 1, which the TEI's rules and
ours (``matches()``, ``tokenize()``, ``every … satisfies``) need beyond.

Each pattern is a mode; in a mode a node is handled by the first rule whose context matches it (as
Schematron says), and the traversal goes on to attributes and children. Failed asserts and
successful reports come back as :class:`Finding` with the pattern id, the role, the message and
the XPath of the node (``path()``), which the caller turns into a line number.
"""
from __future__ import annotations

import copy

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
S = "{%s}" % SCH
OUT = "urn:x-diplomatic:schematron-report"


@dataclass
class Finding:
    pattern: str
    role: str
    message: str
    path: str
    kind: str  # assert | report


def compile_schematron(schema: etree._Element) -> str:
    """The XSLT 3.0 stylesheet text for a Schematron schema."""
    nsmap = {"xsl": XSL, "r": OUT}
    for ns in schema.findall(S + "ns"):
        nsmap[ns.get("prefix")] = ns.get("uri")
    nsmap = {k: v for k, v in nsmap.items() if k != "sch"}
    xs = etree.Element("{%s}stylesheet" % XSL, nsmap=nsmap)
    xs.set("version", "3.0")
    xs.set("exclude-result-prefixes", " ".join(p for p in nsmap if p not in ("xsl", "r")))
    etree.SubElement(xs, "{%s}output" % XSL, method="xml", indent="no")
    for key in schema.findall("{%s}key" % XSL):
        xs.append(copy.deepcopy(key))
    for let in schema.findall(S + "let"):
        _variable(xs, let)
    patterns = schema.findall(S + "pattern")
    root = etree.SubElement(xs, "{%s}template" % XSL, match="/")
    report = etree.SubElement(root, "{%s}element" % XSL, name="r:report")
    for k, pat in enumerate(patterns):
        etree.SubElement(report, "{%s}apply-templates" % XSL, select=".", mode=f"p{k}")
    for k, pat in enumerate(patterns):
        mode = f"p{k}"
        pid = pat.get("id") or mode
        rules = pat.findall(S + "rule")
        for let in pat.findall(S + "let"):
            _variable(xs, let)
        for j, rule in enumerate(rules):
            t = etree.SubElement(xs, "{%s}template" % XSL, match=rule.get("context"), mode=mode,
                                 priority=str(1000 - j))
            for child in rule:
                if child.tag == S + "let":
                    _variable(t, child)
                elif child.tag in (S + "assert", S + "report"):
                    kind = "assert" if child.tag == S + "assert" else "report"
                    test = child.get("test")
                    cond = etree.SubElement(t, "{%s}if" % XSL, test=f"not({test})" if kind == "assert" else test)
                    f = etree.SubElement(cond, "{%s}element" % XSL, name="r:finding")
                    etree.SubElement(f, "{%s}attribute" % XSL, name="pattern").text = pid
                    etree.SubElement(f, "{%s}attribute" % XSL, name="role").text = child.get("role") or "error"
                    etree.SubElement(f, "{%s}attribute" % XSL, name="kind").text = kind
                    etree.SubElement(f, "{%s}attribute" % XSL, name="path", select="path(.)")
                    _message(f, child)
            etree.SubElement(t, "{%s}apply-templates" % XSL, select="@*|node()", mode=mode)
        etree.SubElement(etree.SubElement(xs, "{%s}template" % XSL, match="/|@*|node()", mode=mode,
                                          priority="-10"),
                         "{%s}apply-templates" % XSL, select="@*|node()", mode=mode)
    return etree.tostring(xs, encoding="unicode")


def _variable(parent, let):
    v = etree.SubElement(parent, "{%s}variable" % XSL, name=let.get("name"))
    if let.get("value"):
        v.set("select", let.get("value"))
    else:
        for c in let:
            v.append(copy.deepcopy(c))


def _message(f, el):
    """The assert's text with value-of and name() filled in."""
    if el.text:
        etree.SubElement(f, "{%s}text" % XSL).text = el.text
    for c in el:
        if c.tag == S + "value-of":
            etree.SubElement(f, "{%s}value-of" % XSL, select=c.get("select"))
        elif c.tag == S + "name":
            etree.SubElement(f, "{%s}value-of" % XSL, select=f"name({c.get('path') or '.'})")
        elif isinstance(c.tag, str):
            etree.SubElement(f, "{%s}value-of" % XSL, select="'" + "".join(c.itertext()).replace("'", "''") + "'")
        if c.tail:
            etree.SubElement(f, "{%s}text" % XSL).text = c.tail


class Schematron:
    """A compiled Schematron schema, ready to run on documents."""

    def __init__(self, schema_path: Path | str):
        from saxonche import PySaxonProcessor

        from .xmlsafe import parse
        self.schema = parse(schema_path).getroot()
        self.xslt = compile_schematron(self.schema)
        self.proc = PySaxonProcessor(license=False)
        self.executable = self.proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=self.xslt)
        if self.executable is None:
            raise RuntimeError(f"{schema_path}: the Schematron could not be compiled")

    def run(self, data: bytes, uri: str) -> list[Finding]:
        """Findings for a document. Give it only bytes that lxml parsed safely (no DTD, no
        entities): Saxon then has nothing to fetch."""
        builder = self.proc.new_document_builder()
        builder.set_base_uri(uri)
        node = builder.parse_xml(xml_text=data.decode("utf-8"))
        return _findings(self.executable.transform_to_string(xdm_node=node))


def _findings(out: str) -> list[Finding]:
    root = etree.fromstring(out.encode("utf-8"))
    return [Finding(f.get("pattern"), f.get("role"), " ".join("".join(f.itertext()).split()), f.get("path"),
                    f.get("kind")) for f in root]


def lxml_path(saxon_path: str) -> str:
    """Saxon's path() ('/Q{ns}TEI[1]/Q{ns}text[1]/@n') as an XPath lxml understands."""
    p = re.sub(r"Q\{http://www\.tei-c\.org/ns/1\.0\}", "tei:", saxon_path)
    p = re.sub(r"Q\{http://www\.w3\.org/XML/1998/namespace\}", "xml:", p)
    p = re.sub(r"Q\{\}", "", p)
    return p
