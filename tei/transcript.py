"""TEI back to the transcript it came from (``tei text``): the proof that nothing was lost.

Block elements become paragraphs; footnotes leave their printed marker (``@n``) in the text and
their content in a list at the end, numbered from 1 as the page numbers it; the brackets and
ellipses that the encoding turned into elements come back as characters. The Wilson Center
metadata kept in the header (title, description, citation …) is written back before the text.
"""
from __future__ import annotations

import re

from lxml import etree

from .inline import REND_ELLIPSIS
from .xmlsafe import NSMAP, TEI_NS

BLOCKS = {"p", "head", "dateline", "salute", "signed", "item", "list", "opener", "closer", "sp", "speaker",
          "postscript", "trailer", "byline", "ab", "lg", "l", "div", "body", "front", "back", "stamp-block",
          "floatingText", "docDate", "argument", "epigraph"}
MAYBE_BLOCKS = {"said", "quote", "note", "add"}


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
    def __init__(self) -> None:
        self.paras: list[str] = []
        self.cur: list[str] = []
        self.notes: list[etree._Element] = []

    def flush(self) -> None:
        text = "".join(self.cur)
        if text.strip():
            self.paras.append(text.strip())
        self.cur = []

    def walk_block(self, el, prefix: str = "") -> None:
        self.flush()
        if prefix:
            self.cur.append(prefix)
        bullet = "• " if el.get("rend") == "bulleted" and local(el) == "list" else ""
        self.cur.append(el.text or "")
        for c in el:
            if not isinstance(c.tag, str):
                self.cur.append(c.tail or "")
                continue
            if is_block(c):
                self.walk_block(c, bullet if local(c) == "item" else "")
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
            return "" if el.get("place") == "end" else (el.get("n") or "")
        if name == "gap":
            if el.get("rend") in REND_ELLIPSIS:
                return REND_ELLIPSIS[el.get("rend")]
            desc = el.find("tei:desc", NSMAP)
            return f"[{self.content(desc)}]" if desc is not None else ""
        if name in ("supplied",) or (name == "note" and el.get("place") == "inline"):
            return f"[{self.content(el)}]"
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
            else:
                out.append(f"  {i}. " + "\n\n    ".join(texts))
        return out


def regenerate(tree: etree._ElementTree) -> str:
    """The transcript text of a TEI file written by this project."""
    root = tree.getroot()
    out: list[str] = []
    header = root.find("tei:teiHeader", NSMAP)
    for el in root.iterfind(".//tei:teiHeader//*[@type='transcript-front']", NSMAP) if header is not None else []:
        out.append(Writer().content(el).strip())
    body = root.find("tei:text/tei:body", NSMAP)
    if body is None:
        return "\n\n".join(out) + "\n"
    w = Writer()
    w.walk_block(body)
    out += w.paras
    style = (body.get("rend") or "footnotes-numbered").removeprefix("footnotes-")
    # footnotes are listed in the order of their markers (unanchored ones by their number)
    w.notes.sort(key=lambda n: _num(n.get("n")))
    back = root.find("tei:text/tei:back", NSMAP)
    text = "\n\n".join(out)
    if w.notes:
        text += "\n" + "\n".join(w.footnote_list(style))
    if back is not None:
        bw = Writer()
        bw.walk_block(back)
        text += "\n\n" + "\n\n".join(bw.paras)
    return text + "\n"


def _num(n: str | None) -> float:
    m = re.match(r"\d+", n or "")
    return int(m.group()) if m else float("inf")


def fold(text: str) -> str:
    """Fold runs of white space (the comparison the round trip promises)."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
