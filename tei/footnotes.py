"""The footnote list printed at the end of a page, split off the body of the transcript.

Two shapes are read: numbered items (``  1. Source: …``, the number at most three spaces in, a
continuation paragraph after a blank line and four spaces) and arrow items (``- Source: …↩``).
The list is found from the end: it is the longest tail of the transcript made only of items
numbered 1, 2, 3 … (or arrow items) and their continuations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ITEM_RE = re.compile(r"^ {0,3}([1-9]\d{0,2})\.\s+(\S.*)$")  # "02." is no list number
ARROW_RE = re.compile(r"^ {0,3}[-–•]\s+(\S.*?)\s*↩\s*$")
ARROW_START_RE = re.compile(r"^ {0,3}[-–]\s+(\S.*)$")
CONT_RE = re.compile(r"^( {4,}|\t)(\S.*)$")


@dataclass
class FootItem:
    label: str  # the list number as printed, "" for arrow items
    paras: list[str] = field(default_factory=list)
    line: int = 0  # 1-based line of the item in the transcript


def split_numbered(lines: list[str]) -> tuple[int, list[FootItem]] | None:
    """Find the numbered list at the end of ``lines``: (index of its first line, items)."""
    starts = [i for i, line in enumerate(lines) if (m := ITEM_RE.match(line)) and m.group(1) == "1"]
    for start in reversed(starts):
        items = _parse_numbered(lines[start:], start)
        if items is not None:
            return start, items
    return None


def _parse_numbered(lines: list[str], offset: int) -> list[FootItem] | None:
    items: list[FootItem] = []
    pending_blank = False
    for k, line in enumerate(lines):
        m = ITEM_RE.match(line)
        if m and int(m.group(1)) == len(items) + 1 and not CONT_RE.match(line):
            items.append(FootItem(m.group(1), [m.group(2).rstrip()], offset + k + 1))
            pending_blank = False
        elif not line.strip():
            pending_blank = True
        elif items and (c := CONT_RE.match(line)):
            if pending_blank:
                items[-1].paras.append(c.group(2).rstrip())
            else:
                items[-1].paras[-1] += "\n" + c.group(2).rstrip()
            pending_blank = False
        else:
            return None
    return items or None


def split_arrows(lines: list[str]) -> tuple[int, list[FootItem]] | None:
    """The ``- text↩`` list: every item ends with the return arrow; it may run over lines."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    if not end or not lines[end - 1].rstrip().endswith("↩"):
        return None
    items: list[FootItem] = []
    i = end - 1
    block: list[str] = []
    while i >= 0:
        line = lines[i]
        block.insert(0, line)
        if ARROW_START_RE.match(line):
            text = "\n".join(block).strip()
            m = ARROW_START_RE.match(text.split("\n", 1)[0])
            body = (m.group(1) + ("\n" + text.split("\n", 1)[1] if "\n" in text else "")).rstrip()
            if not body.endswith("↩"):
                break
            items.insert(0, FootItem("", [body[:-1].rstrip()], i + 1))
            block = []
            i -= 1
            while i >= 0 and not lines[i].strip():
                i -= 1
            if i >= 0 and not lines[i].rstrip().endswith("↩"):
                return i + 1, items
            continue
        i -= 1
    if not items:
        return None
    return i + 1 + len(block), items


def split_list(lines: list[str]) -> tuple[list[str], list[FootItem], str]:
    """Body lines, footnote items, and the style of the list ('numbered', 'arrow' or 'none')."""
    found = split_numbered(lines)
    if found:
        return lines[:found[0]], found[1], "numbered"
    found = split_arrows(lines)
    if found:
        return lines[:found[0]], found[1], "arrow"
    return lines, [], "none"
