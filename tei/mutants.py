"""Mutants of valid TEI files, each broken in one known way, with where and why it is broken.

Used to measure validation (``scripts/validation_accuracy.py``) and to check that the RELAX NG and
the XSD accept and reject the same documents. Each mutant says its kind, the line of the element
at fault, and a token the right message must name (an attribute, an element or a rule id).
"""
from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lxml import etree

from .xmlsafe import NSMAP, TEI_NS, parse_bytes

T = "{%s}" % TEI_NS
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@dataclass
class Mutant:
    kind: str
    source: str
    data: bytes
    line: int  # where the fault is
    cause: str  # what a right message names
    structural: bool  # a schema (RNG/XSD) fault, as opposed to a rule (Schematron) fault
    note: str = ""


def _x(root, path):
    return root.xpath(path, namespaces=NSMAP)


def _mark(el) -> None:
    el.set("{urn:x-mutant}here", "1")


def _finish(tree, kind: str, source: str, cause: str, structural: bool, note: str = "") -> Mutant:
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    marked = parse_bytes(data).getroot().xpath("//*[@m:here]", namespaces={"m": "urn:x-mutant"})
    line = marked[0].sourceline if marked else 1
    for el in tree.getroot().xpath("//*[@m:here]", namespaces={"m": "urn:x-mutant"}):
        del el.attrib["{urn:x-mutant}here"]
    etree.cleanup_namespaces(tree)
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    return Mutant(kind, source, data, line, cause, structural, note)


# Each operator takes a tree (a copy) and a random source, breaks it in place, and returns
# (cause, note) after marking the element at fault, or None when the file offers no place to do it.

def bad_attribute_value(root, rnd):
    places = [("//tei:div[@type]", "type"), ("//tei:correspAction[@type]", "type"),
              ("//tei:gap[@reason]", "reason"), ("//tei:supplied[@reason]", "reason"),
              ("//tei:change[@type]", "type"), ("//tei:note[@type]", "type"), ("//tei:div[@subtype]", "subtype")]
    rnd.shuffle(places)
    for path, att in places:
        els = _x(root, path)
        if els:
            el = rnd.choice(els)
            el.set(att, rnd.choice(["documnet", "recieved", "other-thing", "Source", "x"]))
            _mark(el)
            return att, f"@{att} set to a value outside its closed list"
    return None


def bad_date(root, rnd):
    els = _x(root, "//tei:date[@when]")
    if not els:
        return None
    el = rnd.choice(els)
    el.set("when", rnd.choice(["1961-13-45", "29 December 1961", "12/29/61", "1961-02-30x"]))
    _mark(el)
    return "when", "a date that is not ISO"


def unknown_attribute(root, rnd):
    els = _x(root, "//tei:text//tei:p | //tei:text//tei:head | //tei:text//tei:note")
    if not els:
        return None
    el = rnd.choice(els)
    name = rnd.choice(["colour", "style-class", "speaker", "page"])
    el.set(name, "x")
    _mark(el)
    return name, f"@{name} is not an attribute of the element"


def missing_required_attribute(root, rnd):
    places = [("//tei:pb[@n]", "n"), ("//tei:correspAction[@type]", "type"), ("//tei:div[@type]", "type")]
    rnd.shuffle(places)
    for path, att in places:
        els = _x(root, path)
        if els:
            el = rnd.choice(els)
            del el.attrib[att]
            _mark(el)
            return att, f"required @{att} removed"
    return None


def unknown_element(root, rnd):
    els = _x(root, "//tei:text//tei:p")
    if not els:
        return None
    p = rnd.choice(els)
    name = rnd.choice(["footnote", "para", "page", "quotation"])
    bad = etree.SubElement(p, T + name)
    bad.text = "x"
    bad.tail = " "
    _mark(bad)
    return name, f"<{name}> is not a TEI element of the customization"


def misplaced_element(root, rnd):
    choices = []
    for div in _x(root, "//tei:div[@type='document'][tei:head][tei:p]"):
        choices.append(("head", div))
    for fd in _x(root, "//tei:fileDesc[tei:sourceDesc]"):
        choices.append(("sourceDesc", fd))
    if not choices:
        return None
    what, parent = rnd.choice(choices)
    el = parent.find(T + what)
    if what == "head":  # the heading after the first paragraph
        p = parent.find(T + "p")
        parent.remove(el)
        p.addnext(el)
    else:  # sourceDesc before titleStmt
        parent.remove(el)
        parent.insert(0, el)
    _mark(el)
    return what, f"<{what}> moved where its parent does not allow it"


def missing_required_child(root, rnd):
    places = [("//tei:fileDesc", "titleStmt"), ("//tei:fileDesc", "publicationStmt"),
              ("//tei:teiHeader", "fileDesc"), ("//tei:TEI", "text")]
    rnd.shuffle(places)
    for path, child in places:
        parents = _x(root, path)
        if parents and parents[0].find(T + child) is not None:
            parent = parents[0]
            parent.remove(parent.find(T + child))
            _mark(parent)
            return child, f"required <{child}> removed"
    return None


def broken_pointer(root, rnd):
    els = _x(root, "//tei:said[@who] | //tei:sp[@who] | //tei:anchor[@corresp]")
    if els:
        el = rnd.choice(els)
        att = "who" if el.get("who") else "corresp"
        el.set(att, "#nobody-" + str(rnd.randint(1, 99)))
    else:
        ps = _x(root, "//tei:text//tei:p")
        if not ps:
            return None
        el = rnd.choice(ps)
        el.set("corresp", "#missing-" + str(rnd.randint(1, 99)))
    _mark(el)
    return "ptr-resolves", "a pointer to an id that is not in the file"


def duplicate_id(root, rnd):
    ids = _x(root, "//*[@xml:id]")
    targets = _x(root, "//tei:text//tei:p | //tei:text//tei:head")
    if not ids or not targets:
        return None
    el = rnd.choice(targets)
    el.set(XML_ID, rnd.choice(ids).get(XML_ID))
    # the fault is at whichever copy comes second in the document
    first = [e for e in root.iter() if e.get(XML_ID) == el.get(XML_ID)]
    _mark(first[-1] if len(first) > 1 else el)
    return "id-unique", "an xml:id used twice"


def footnote_out_of_sequence(root, rnd):
    notes = [n for n in _x(root, "//tei:text//tei:note[@n][not(@place)]") if n.get("n").isdigit()]
    if len(notes) < 3:
        return None
    k = rnd.randint(1, len(notes) - 2)
    a, b = notes[k], notes[k + 1]
    a.set("n", b.get("n"))
    b.set("n", str(int(a.get("n")) - 1))
    _mark(b)
    return "fn-sequence", "two footnote markers swapped"


def page_text_left(root, rnd):
    pbs = _x(root, "//tei:text//tei:pb[@n]")
    if not pbs:
        return None
    pb = rnd.choice(pbs)
    parent = pb.getparent()
    holder = etree.Element(T + "p")
    holder.text = f"[Page {pb.get('n')}]"
    if etree.QName(parent).localname in ("p", "said", "quote", "head", "item"):
        prev = pb.getprevious()
        text = f"[Page {pb.get('n')}]" + (pb.tail or "")
        if prev is not None:
            prev.tail = (prev.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(pb)
        _mark(parent)
    else:
        holder.tail = pb.tail
        parent.replace(pb, holder)
        _mark(holder)
    return "no-page-text", "a page marker left as text"


def nested_said(root, rnd):
    said = _x(root, "//tei:said[not(tei:p)]")
    if not said:
        ps = [p for p in _x(root, "//tei:text//tei:p") if p.text and len(p.text) > 10]
        if not ps:
            return None
        p = rnd.choice(ps)
        outer = etree.Element(T + "said")
        inner = etree.SubElement(outer, T + "said")
        inner.text = "“Yes.”"
        outer.text = "He said "
        outer.tail = p.text
        p.text = ""
        p.insert(0, outer)
        _mark(inner)
    else:
        s = rnd.choice(said)
        inner = etree.Element(T + "said")
        inner.text = s.text
        s.text = ""
        s.insert(0, inner)
        _mark(inner)
    return "said-not-nested", "a said inside a said"


def wrong_file_id(root, rnd):
    root.set(XML_ID, "doc_" + "".join(rnd.choice("abcdef0123") for _ in range(8)))
    _mark(root)
    return "tei-id-filename", "TEI/@xml:id that is not the file name"


def text_in_element_only(root, rnd):
    places = _x(root, "//tei:fileDesc | //tei:correspDesc | //tei:titleStmt | //tei:listPerson")
    if not places:
        return None
    el = rnd.choice(places)
    kids = [c for c in el if isinstance(c.tag, str)]
    kids[0].tail = (kids[0].tail or "") + "stray words "
    _mark(el)
    return etree.QName(el).localname, "text typed where only elements may stand"


OPERATORS: dict[str, tuple[Callable, bool]] = {
    "bad-attribute-value": (bad_attribute_value, True),
    "bad-date": (bad_date, True),
    "unknown-attribute": (unknown_attribute, True),
    "missing-required-attribute": (missing_required_attribute, True),
    "unknown-element": (unknown_element, True),
    "misplaced-element": (misplaced_element, True),
    "missing-required-child": (missing_required_child, True),
    "text-in-element-only": (text_in_element_only, True),
    "broken-pointer": (broken_pointer, False),
    "duplicate-id": (duplicate_id, False),
    "footnote-out-of-sequence": (footnote_out_of_sequence, False),
    "page-text-left": (page_text_left, False),
    "nested-said": (nested_said, False),
    "wrong-file-id": (wrong_file_id, False),
}


def mutants(files: list[Path], per_kind: int = 20, seed: int = 1) -> list[Mutant]:
    """``per_kind`` mutants of each kind, spread over the files (as many as the files allow)."""
    rnd = random.Random(seed)
    trees = [(f, parse_bytes(f.read_bytes(), str(f))) for f in files]
    out: list[Mutant] = []
    for kind, (op, structural) in OPERATORS.items():
        made, tries = 0, 0
        while made < per_kind and tries < per_kind * 6:
            tries += 1
            f, tree = trees[tries % len(trees)]
            t = copy.deepcopy(tree)
            res = op(t.getroot(), rnd)
            if res is None:
                continue
            cause, note = res
            out.append(_finish(t, kind, f.name, cause, structural, note))
            made += 1
    return out
