"""The frame of a letter or telegram: what opens it (dateline, file number, classification,
salutation, cipher headers) and what closes it (closing salutation, signature, trailing notes).

Both readers use these: the opening lines become ``div``-top elements, the closing ones a
``closer``; everything between is the reader's own business.
"""
from __future__ import annotations

import re

from . import blocks as B
from .blocks import Block
from .inline import Atoms, build, strip_atoms
from .model import Node

# Cipher and routing headers of Soviet-bloc telegrams (Wilson Center translations)
CIPHER_RE = re.compile(
    r"^(?:TOP SECRET|SECRET|STRICTLY SECRET|CONFIDENTIAL|Making Copies Prohibited|Copying Prohibited|"
    r"Copy No\.\s*\d+|Copy\s+\d+|CIPHERED TELEGRAM|CIPHER(?:ED)? TELEGRAM|ENCRYPTED TELEGRAM|TOP PRIORITY|"
    r"PRIORITY|URGENT|SPECIAL FOLDER|Special File|Extremely Urgent|Not for publication|"
    r"Ex\.\s*No\.\s*\d+|СОВЕРШЕННО СЕКРЕТНО|СЕКРЕТНО|Экз\.\s*№\s*\d+|ШИФРТЕЛЕГРАММА|"
    r"STRENG GEHEIM|GEHEIM|VERTRAULICH|ŚCIŚLE TAJNE|TAJNE)[.;]?$",
    re.I,
)
ROUTING_RE = re.compile(r"^(?:To|From|TO|FROM|Addressee|Sender|Attention|Subject|Re|Memorandum for|"
                        r"Dispatched|Sent|Received|Arrived|Incoming No\.|Outgoing No\.)\b[: ]", re.I)
# A speaker's turn in a transcript of a conversation: "K: …", "Zhou Enlai: …"
TURN_RE = re.compile(r"^(?P<who>[A-Z][A-Za-z.]{0,14}|[A-Z][a-z]+ [A-Z][a-z]+):\s+(?=\S)")
NOT_SPEAKER_LABELS = {"Participants", "Participant", "Subject", "Summary", "Note", "Source", "Date", "Place",
                      "Time", "To", "From", "Re", "Attention", "Present", "Copies", "Distribution", "Enclosure",
                      "Text", "Begin", "End", "Reference", "Ref", "Also", "Translation", "Comment", "Answer",
                      "Question", "Subject Matter", "Drafted", "Cleared", "Approved"}
DISPATCHED_RE = re.compile(r"^(?:Dispatched|Sent|Received|Arrived)\b.{0,120}$", re.I)


def rebuild(node: Node, atoms: Atoms) -> list:
    """Expand atoms inside a node built from protected text."""
    out = []
    for c in node.children:
        if isinstance(c, str):
            out += build(c, atoms)
        else:
            c.children = rebuild(c, atoms)
            out.append(c)
    return out


def top_zone(body: list[Block], atoms: Atoms, cipher: bool = False) -> tuple[list[Node], int]:
    """Opening lines of the document; returns their nodes and the index of the first other block."""
    out: list[Node] = []
    i = 0
    while i < len(body):
        t = body[i].text
        plain = strip_atoms(t).strip()
        if B.only_global_atoms(t, atoms):
            out += build(t, atoms)
        elif B.only_atoms(t):  # a stamp, an addition on its own line: part of the opening
            out.append(Node("opener", {}, build(t, atoms)))
        elif (d := B.dateline_node(t)) is not None:
            d.children = rebuild(d, atoms)
            out.append(d)
        elif B.FILE_LINE_RE.match(plain):
            out.append(_seg("file-number", t, atoms))
        elif B.CLASSIFICATION_RE.match(plain) or (cipher and CIPHER_RE.match(plain)):
            out.append(_seg("classification" if B.CLASSIFICATION_RE.match(plain) else "cipher-header", t, atoms))
        elif cipher and DISPATCHED_RE.match(plain):
            out.append(Node("dateline", {}, build(t, atoms)))
        elif cipher and ROUTING_RE.match(plain) and len(plain) < 200:
            out.append(_seg("address", t, atoms))
        elif (sm := B.SALUTE_RE.match(t)):
            out.append(Node("opener", {}, [Node("salute", {}, build(sm.group("salute"), atoms))]))
            rest = t[sm.end():]
            if rest.strip():
                body[i] = Block(rest.lstrip(), body[i].line, body[i].raw)
                break
        else:
            break
        i += 1
    return out, i


def _seg(kind: str, t: str, atoms: Atoms) -> Node:
    return Node("opener", {}, [Node("seg", {"type": kind}, build(t, atoms))])


def bottom_zone(body: list[Block], start: int, atoms: Atoms, signature=B.is_signature) -> tuple[list[Node], int]:
    """Closing lines, found from the end: signature, closing salutation, lone trailing notes."""
    end = len(body)
    tail: list[Node] = []
    while end > start:
        t = body[end - 1].text
        if B.only_atoms(t) and len(t.strip()) == 1 and atoms.get(t.strip()).tag in ("note", "pb", "anchor"):
            tail[:0] = build(t, atoms)
        elif B.CLOSING_SALUTE_RE.match(strip_atoms(t).strip()):
            tail.insert(0, Node("salute", {}, build(t, atoms)))
        elif signature(t):
            tail.insert(0, Node("signed", {}, build(t, atoms)))
        elif (d := B.dateline_node(t)) is not None and tail:
            d.children = rebuild(d, atoms)
            tail.insert(0, d)
        else:
            break
        end -= 1
    if end == start and any(n.tag in ("signed", "salute", "dateline") for n in tail):
        return [], len(body)  # nothing but a "closing": TEI wants text before a closer, so it is text
    return tail, end


def closer(tail: list[Node]) -> list[Node]:
    """The closing nodes, wrapped in a closer when they hold more than notes."""
    if any(n.tag in ("signed", "salute", "dateline") for n in tail):
        return [Node("closer", {}, tail)]
    return tail


def turn(t: str) -> re.Match | None:
    """The speaker prefix of a turn (``K: …``), or None."""
    m = TURN_RE.match(t)
    return m if m and m.group("who") not in NOT_SPEAKER_LABELS else None


def is_dialogue(blocks: list[Block]) -> bool:
    """Three or more turns by at most eight speakers: a transcript of a conversation."""
    whos = [m.group("who") for b in blocks if (m := turn(strip_atoms(b.text)))]
    return len(whos) >= 3 and len(set(whos)) <= 8
