"""Footnotes: the list items become ``note`` elements placed where their markers stood.

Takes the blocks' texts and the footnote list, asks ``markers.py`` which digits are the markers,
swaps each for its note, and returns the notes it could not place (kept for the end of the
document, each with a warning).
"""
from __future__ import annotations

import re

from .footnotes import FootItem
from .inline import Atoms, build, protect
from .markers import candidates, choose, walk
from .model import Node

SOURCE_RE = re.compile(r"^\s*Source:")


def note_node(item: FootItem, n: int, atoms: Atoms) -> Node:
    attrs = {"n": str(n)}
    if item.paras and SOURCE_RE.match(item.paras[0]):
        attrs["type"] = "source"
    node = Node("note", attrs)
    prot = [protect(p, atoms) for p in item.paras]
    if len(prot) == 1:
        node.children = build(prot[0], atoms)
    else:
        node.children = [Node("p", {}, build(p, atoms)) for p in prot]
    return node


def anchor(texts: list[str], head_from: int, lines: list[int], items: list[FootItem], atoms: Atoms,
           warnings: list[str], name: str, bracketed: bool = False) -> tuple[list[str], list[Node]]:
    """texts[0] is the heading (candidates only from head_from on); returns new texts, unplaced notes.
    With ``bracketed``, ``[1]`` counts as a marker as well (Wilson Center pages)."""
    texts = list(texts)
    box = atoms if bracketed else None
    cands = [c for c in candidates(0, texts[0], box) if c.start >= head_from]
    for bi, t in enumerate(texts[1:], start=1):
        cands += candidates(bi, t, box)
    starts = [c.value for c in cands if c.block == 0] + [c.value for c in cands if c.strong][:3] + [1, 0]
    chosen, m0 = choose(cands, len(items), starts) if items else ([], 1)
    placed = {idx for _, idx in chosen}
    for c, idx in sorted(chosen, key=lambda ci: (ci[0].block, ci[0].start), reverse=True):
        note = note_node(items[idx], c.value, atoms)
        if c.bracketed:
            note.attrs["rend"] = "bracketed"
        if c.value < m0 + idx:
            note.attrs["subtype"] = "repeated-marker"
            warnings.append(f"{name}:{lines[c.block]}: footnote marker {c.value} is printed twice; the second one "
                            f"is taken for footnote {items[idx].label or idx + 1}: check against the page")
        t = texts[c.block]
        texts[c.block] = t[:c.start] + atoms.put(note) + t[c.end:]
    unplaced = []
    for idx, item in enumerate(items):
        if idx not in placed:
            note = note_node(item, m0 + idx, atoms)
            note.attrs["place"] = "end"
            note.attrs.setdefault("type", "unanchored")
            unplaced.append(note)
            warnings.append(f"{name}:{item.line}: footnote {item.label or idx + 1} has no marker in the text "
                            f"(expected marker {m0 + idx}); kept at the end of the document: check the transcript")
    last = max(((c.block, c.start) for c, _ in chosen), default=(-1, -1))
    if chosen or not items:
        first = m0 + len(items) if items else next((c.value for c in cands if c.block == 0 or c.strong), 1)
        later = [c for c in cands if c.strong and (c.block, c.start) > last]
        for c, _ in walk(later, first, first + 5):
            warnings.append(f"{name}:{lines[c.block]}: '{c.value}' looks like a footnote marker but the footnote "
                            f"list has no item for it; kept as text")
    return texts, unplaced
