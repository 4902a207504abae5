"""Small helpers for the tests: convert a transcript string and look into the TEI."""
from __future__ import annotations

from lxml import etree

from tei.convert import convert_text
from tei.transcript import fold, regenerate
from tei.xmlsafe import NSMAP, parse_bytes


def convert(text: str, fmt: str = "auto", stem: str = "test"):
    data, tr = convert_text(text, stem, stem + ".txt", fmt)
    return parse_bytes(data), tr


def body(tree) -> etree._Element:
    return tree.getroot().find("tei:text/tei:body", NSMAP)


def x(tree, path: str):
    node = tree.getroot() if hasattr(tree, "getroot") else tree
    return node.xpath(path, namespaces=NSMAP)


def text_before(note: etree._Element, n: int = 12) -> str:
    """The characters just before an element, in its parent's text flow."""
    prev = note.getprevious()
    if prev is not None:
        s = prev.tail or ""
        if len(s) < n:
            s = "".join(prev.itertext()) + s
    else:
        s = note.getparent().text or ""
    return s[-n:]


def roundtrip_ok(text: str, tree) -> bool:
    return fold(regenerate(tree)) == fold(text)


def preceding_text(el: etree._Element) -> str:
    """All text of the parent before ``el`` (notes left out)."""
    parent = el.getparent()
    out = [parent.text or ""]
    for sib in parent:
        if sib is el:
            break
        if not etree.QName(sib).localname == "note":
            out.append("".join(sib.itertext()))
        out.append(sib.tail or "")
    return "".join(out)
