"""Compare two TEI encodings of the same document without caring about element names.

Both sides are reduced to the body text (notes excluded, white space folded) plus *events* at
character offsets in it: footnotes (offset, content), page breaks (offset, @n) and block starts.
Two encodings that put the same notes at the same places score the same whatever elements they
use for paragraphs, closers or quotations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .inline import REND_ELLIPSIS, brackets
from .xmlsafe import NSMAP

BLOCKS = {"p", "head", "dateline", "salute", "signed", "item", "closer", "opener", "label", "speaker",
          "postscript", "trailer", "byline", "ab", "l", "quote", "said", "list", "sp"}


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


@dataclass
class Reduced:
    text: str = ""
    notes: list[tuple[int, str]] = field(default_factory=list)
    pbs: list[tuple[int, str]] = field(default_factory=list)
    blocks: set[int] = field(default_factory=set)


class _Folder:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.n = 0
        self.pending = False

    def add(self, s: str) -> None:
        for ch in s:
            if ch.isspace():
                self.pending = self.n > 0
            else:
                if self.pending:
                    self.out.append(" ")
                    self.n += 1
                    self.pending = False
                self.out.append(ch)
                self.n += 1

    def sep(self) -> None:
        self.pending = self.n > 0


def fold_text(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _render(el) -> str:
    """Text of an element as a reader sees it: brackets and ellipses restored, notes left out."""
    out = []
    name = local(el)
    if name == "gap":
        if el.get("rend") in REND_ELLIPSIS:
            return REND_ELLIPSIS[el.get("rend")]
        desc = el.find("tei:desc", NSMAP)
        return brackets(_render(desc), el.get("rend")) if desc is not None else ""
    if name == "pb":
        return ""
    inner = [el.text or ""]
    for c in el:
        if isinstance(c.tag, str) and not (local(c) == "note" and c.get("place") != "inline"):
            inner.append(f" {_render(c)} " if local(c) == "p" else _render(c))
        inner.append(c.tail or "")
    text = "".join(inner)
    if name in ("supplied", "add", "stamp") or (name == "note" and el.get("place") == "inline"):
        return brackets(text, el.get("rend"))
    out.append(text)
    return "".join(out)


def reduce(tree: etree._ElementTree) -> Reduced:
    body = tree.getroot().find(".//tei:text/tei:body", NSMAP)
    r = Reduced()
    f = _Folder()

    def walk(el) -> None:
        name = local(el)
        block = name in BLOCKS and not (name in ("quote", "said") and not any(local(c) == "p" for c in el))
        if block:
            f.sep()
            r.blocks.add(f.n + (1 if f.pending else 0))
        if el.text:
            f.add(el.text)
        for c in el:
            if not isinstance(c.tag, str):
                pass
            elif local(c) == "note" and c.get("place") != "inline":
                r.notes.append((f.n, fold_text(_render(c))))
            elif local(c) == "pb":
                # a page break is a word boundary in both encodings: the gold often has no white
                # space around <pb/> where the page (and so the transcript) shows " [Page N] "
                r.pbs.append((f.n, c.get("n") or ""))
                f.sep()
            elif local(c) in ("gap", "supplied", "add", "stamp") or (local(c) == "note"):
                f.add(_render(c))
            elif local(c) == "lb":
                f.add(" ")
            else:
                walk(c)
            if c.tail:
                f.add(c.tail)
        if block:
            f.sep()

    if body is not None:
        walk(body)
    r.text = "".join(f.out)
    # a block "starts" where its first character is; drop starts past the end
    r.blocks = {b for b in r.blocks if b < len(r.text)}
    return r


def prf(ours: set, gold: set) -> tuple[float, float, float, int, int, int]:
    tp = len(ours & gold)
    p = tp / len(ours) if ours else (1.0 if not gold else 0.0)
    rc = tp / len(gold) if gold else (1.0 if not ours else 0.0)
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    return p, rc, f1, tp, len(ours), len(gold)


@dataclass
class Score:
    docs: int = 0
    text_identical: int = 0
    failed: list[str] = field(default_factory=list)
    counts: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in
                                                                   ("footnote anchors", "footnote offsets",
                                                                    "page breaks", "paragraph starts")})

    def add(self, kind: str, ours: set, gold: set) -> None:
        c = self.counts[kind]
        c[0] += len(ours & gold)
        c[1] += len(ours)
        c[2] += len(gold)

    def table(self) -> list[tuple[str, float, float, float, int, int, int]]:
        rows = []
        for kind, (tp, no, ng) in self.counts.items():
            p = tp / no if no else 1.0
            rc = tp / ng if ng else 1.0
            f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
            rows.append((kind, p, rc, f1, tp, no, ng))
        return rows


def compare(ours: etree._ElementTree, gold: etree._ElementTree, score: Score) -> dict:
    a, b = reduce(ours), reduce(gold)
    score.docs += 1
    same = a.text == b.text
    score.text_identical += same
    score.add("footnote anchors", set(a.notes), set(b.notes))
    score.add("footnote offsets", {o for o, _ in a.notes}, {o for o, _ in b.notes})
    score.add("page breaks", set(a.pbs), set(b.pbs))
    score.add("paragraph starts", a.blocks, b.blocks)
    return {"text_identical": same, "ours": a, "gold": b}
