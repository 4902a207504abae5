"""TEI back to the transcript it came from (``tei text``): the proof that nothing was lost.

Block elements become paragraphs; footnotes leave their printed marker (``@n``) in the text and
their content in a list at the end, numbered from 1 as the page numbers it; the brackets and
ellipses that the encoding turned into elements come back as characters. The Wilson Center
metadata kept in the header (title, description, citation …) is written back before the text.
"""
from __future__ import annotations

import re

from lxml import etree

from .inline import REND_ELLIPSIS, brackets
from .xmlsafe import NSMAP, TEI_NS, XML_NS

XMLID = "{%s}id" % XML_NS

BLOCKS = {"p", "head", "dateline", "salute", "signed", "item", "list", "opener", "closer", "sp", "speaker",
          "postscript", "trailer", "byline", "ab", "lg", "l", "div", "body", "front", "back", "stamp-block",
          "floatingText", "docDate", "argument", "epigraph"}
MAYBE_BLOCKS = {"said", "quote", "note", "add"}
LIST_MARKS = {"bulleted": "• ", "dashed": "- ", "en-dashed": "– "}


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def is_footnote(el) -> bool:
    return local(el) == "note" and el.get("place") != "inline" and el.get("type") not in ("editorial", "translator-inline")


def is_block(el) -> bool:
    name = local(el)
    if name in BLOCKS:
        return True
    if name in MAYBE_BLOCKS and not is_footnote(el):
        return any(local(c) in BLOCKS for c in el)
    return False


class Writer:
    def __init__(self, by_id: dict | None = None) -> None:
        self.paras: list[str] = []
        self.cur: list[str] = []
        self.notes: list[etree._Element] = []
        self.by_id = by_id or {}  # xml:id -> element, for notes printed apart from their marker

    def flush(self) -> None:
        text = "".join(self.cur)
        if text.strip():
            self.paras.append(text.strip())
        self.cur = []

    def walk_block(self, el, prefix: str = "") -> None:
        self.flush()
        if prefix:
            self.cur.append(prefix)
        bullet = LIST_MARKS.get(el.get("rend"), "") if local(el) == "list" else ""
        self.cur.append(el.text or "")
        for c in el:
            if not isinstance(c.tag, str):
                self.cur.append(c.tail or "")
                continue
            if is_block(c):
                self.walk_block(c, bullet if local(c) == "item" else "")
            elif local(c) == "anchor" and c.get("type") == "footnote-text":
                self.flush()  # where the older site printed a footnote: "/2/text" as a paragraph
                note = self.by_id.get((c.get("corresp") or "").lstrip("#"))
                if note is not None:
                    self.cur.append(f"/{note.get('n')}/" + Writer().content(note))
                self.flush()
            else:
                self.cur.append(self.inline(c))
            self.cur.append(c.tail or "")
        self.flush()

    def inline(self, el) -> str:
        name = local(el)
        if name == "pb":
            return f"[Page {el.get('n', '')}]"
        if is_footnote(el):
            self.notes.append(el)
            if el.get("place") == "end":
                return ""
            if el.get("rend") == "slashed":
                return f"/{el.get('n')}/"
            return f"[{el.get('n')}]" if el.get("rend") == "bracketed" else (el.get("n") or "")
        if name == "gap":
            if el.get("rend") in REND_ELLIPSIS:
                return REND_ELLIPSIS[el.get("rend")]
            desc = el.find("tei:desc", NSMAP)
            return brackets(self.content(desc), el.get("rend")) if desc is not None else ""
        if name in ("supplied", "add", "stamp") or (name == "note" and el.get("place") == "inline"):
            return brackets(self.content(el), el.get("rend"))
        if name == "lb":
            return "\n"
        return self.content(el)

    def content(self, el) -> str:
        out = [el.text or ""]
        for c in el:
            if isinstance(c.tag, str):
                out.append(self.inline(c))
            out.append(c.tail or "")
        return "".join(out)

    def footnote_list(self, style: str) -> list[str]:
        out = []
        for i, note in enumerate(self.notes, start=1):
            paras = [c for c in note if local(c) == "p"]
            texts = [Writer().content(p).strip() for p in paras] if paras else [Writer().content(note).strip()]
            if style == "arrow":
                out.append("- " + "\n\n".join(texts) + "↩")
            elif style == "bracketed":
                out.append(f"[{i}] " + "\n\n".join(texts))
            else:
                out.append(f"  {i}. " + "\n\n    ".join(texts))
        return out


def regenerate(tree: etree._ElementTree) -> str:
    """The transcript text of a TEI file written by this project."""
    root = tree.getroot()
    front, back = _pieces(root, "front"), _pieces(root, "back")
    body = root.find("tei:text/tei:body", NSMAP)
    by_id = {el.get(XMLID): el for el in root.iter("{%s}note" % TEI_NS) if el.get(XMLID)}
    w = Writer(by_id)
    if body is not None:
        w.walk_block(body)
    style = (body.get("rend") if body is not None else None) or "footnotes-numbered"
    style = style.removeprefix("footnotes-")
    # footnotes are listed in the order of their markers (unanchored ones by their number)
    w.notes.sort(key=lambda n: _num(n.get("n")))
    text = "\n\n".join(front + w.paras)
    if w.notes and style != "inline":
        text += "\n" + "\n".join(w.footnote_list(style))
    if back:
        text += "\n\n" + "\n\n".join(back)
    return text + "\n"


def _pieces(root, where: str) -> list[str]:
    """The page's metadata kept verbatim in the header (Wilson Center pages), in page order."""
    header = root.find("tei:teiHeader", NSMAP)
    if header is None:
        return []
    found = []
    for el in header.iter():
        n = el.get("n") if isinstance(el.tag, str) else None
        if n and n.startswith(where + "-") and n[len(where) + 1:].isdigit():
            found.append((int(n[len(where) + 1:]), "".join(el.itertext()).strip()))
    return [t for _, t in sorted(found)]


def _num(n: str | None) -> float:
    m = re.match(r"\d+", n or "")
    return int(m.group()) if m else float("inf")


def fold(text: str) -> str:
    """Fold runs of white space (the comparison the round trip promises)."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
