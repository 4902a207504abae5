"""The small document model that transcript readers produce and the encoder turns into TEI.

A reader (``frus.py``, ``wilson.py``) knows the shape of a source's pages; the encoder
(``encoder.py``) knows TEI. Between them sits this model: a tree of :class:`Node` objects whose
tags are already TEI element names (``p``, ``pb``, ``note``, ``said`` …) plus a
:class:`Document` that carries the header facts the reader found. Keeping the tree in TEI terms
means the encoder stays a plain walk, and the reader's decisions are visible in one place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

Child = Union["Node", str]


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Child] = field(default_factory=list)

    def append(self, child: Child) -> "Node":
        self.children.append(child)
        return self

    def text(self) -> str:
        """Plain text of the subtree (no markup, no notes)."""
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag != "note":
                out.append(c.text())
        return "".join(out)

    def iter(self, tag: str | None = None):
        if tag is None or self.tag == tag:
            yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter(tag)


@dataclass
class Party:
    """One side of a correspondence action: who (person and/or organization), where, when."""
    person: str | None = None
    org: str | None = None
    place: str | None = None
    date_when: str | None = None
    date_text: str | None = None
    date_cert: str | None = None
    date_evidence: str | None = None
    evidence: str | None = None
    person_attrs: dict[str, str] = field(default_factory=dict)
    date_attrs: dict[str, str] = field(default_factory=dict)
    # filled by correspondence.resolve: pointers to authority records, and how sure each fact is
    person_ref: str | None = None
    person_cert: str | None = None
    person_evidence: str | None = None
    org_ref: str | None = None
    place_ref: str | None = None
    place_cert: str | None = None
    date_not_before: str | None = None
    sources: list[str] = field(default_factory=list)  # one sentence per inference, for the note


@dataclass
class Document:
    """One document of a transcript: a FRUS document, a Wilson Center record."""
    body: Node  # a div[@type='document']
    title: str
    number: str | None = None
    doc_type: str | None = None
    sent: Party = field(default_factory=Party)
    received: Party = field(default_factory=Party)
    classification: str | None = None
    source_citation: str | None = None
    drafting: str | None = None
    file_number: str | None = None
    speakers: dict[str, str] = field(default_factory=dict)  # xml:id -> name as printed
    header_notes: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    bibl: list[tuple[str, str]] = field(default_factory=list)  # (type, text) for sourceDesc
    lang: str = "en"
    # Wilson Center pages: the metadata pieces before and after the text, in page order,
    # as (kind, label, text); the encoder files each where TEI puts it
    front: list[tuple[str, str, str]] = field(default_factory=list)
    back: list[tuple[str, str, str]] = field(default_factory=list)
    speaker_variants: dict[str, list[str]] = field(default_factory=dict)
    speaker_refs: dict[str, str] = field(default_factory=dict)  # local xml:id -> authority record id


@dataclass
class Transcript:
    """What a reader returns: the documents of one transcript file, and what it had to say."""
    source: str  # "frus" or "wilson"
    documents: list[Document]
    warnings: list[str] = field(default_factory=list)
    dropped_lines: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)  # messages for the conversion log only (not the TEI)
    note_list_style: str = "numbered"  # how the footnote list was printed: numbered | arrow | bracketed
