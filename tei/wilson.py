"""Reader for Wilson Center Digital Archive pages copied as text (digitalarchive.wilsoncenter.org).

A page carries a metadata block around the document: navigation residue, the title, a
description, the creator and date, a citation (often wrapped over several lines), commentary,
labelled fields (Summary, Original Language, Rights …), on newer pages a closing "Document
Information" block. The document itself has one paragraph per line. Metadata goes to the header
(each piece keeps its text and its place, ``@n="front-K"``/``"back-K"``, so that ``tei text`` can
give the page back); navigation residue is dropped and listed in ``revisionDesc``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import blocks as B
from . import letter, notes
from .blocks import Block
from .footnotes import FootItem, split_list
from .inline import Atoms, Span, build, protect, strip_atoms
from .model import Document, Node, Transcript
from .correspondence import set_party
from .speech import TITLES, People, said_spans

NAV_RE = re.compile(
    r"^(?:Back to Inquiry Set|Back to (?:top|Search(?: Results)?|Collection)|Skip to (?:main )?content|Search in|"
    r"ADD SEARCH FILTER|CITATION SHARE DOWNLOAD|CITATION|SHARE|DOWNLOAD|VIEW DOCUMENT IN|English HTML|"
    r"Original Scan|Original HTML|English Transcription|English PDF|Transcript|Menu|Close|Print|Email|Share|"
    r"Facebook|Twitter|X|LinkedIn|Copy link|Copy Link|Download PDF|Download|Search|Home|Search the Archive|"
    r"Collections|Topics|Browse|Sign in|Log in|Donate|Wilson Center(?: Digital Archive)?|Digital Archive|"
    r"International History Declassified|Document Information|Chicago|MLA|APA|Show More|Show Less|"
    r"•\s*(?:Facebook|Twitter|X|LinkedIn|Email|Print|Copy link|Copy Link|Share))$",
    re.I,
)
FIELD_NAMES = [
    "Summary", "Original Language", "Source", "Rights", "Original Archive", "Subjects Discussed", "Subjects",
    "Subject", "Associated Places", "Associated People & Organizations", "Associated People and Organizations",
    "Associated Topics", "Associated Events", "Related Documents", "Type", "Language", "Record ID",
    "Original Classification", "Author(s)", "Authors", "Author", "Credits", "Citation", "Contents",
    "Description", "Creator", "Translated by", "Translator", "Record Type", "Document Type", "Keywords",
    "Publication Date", "Theme", "Collection", "Genre", "How to Cite", "Donors", "Funders", "Date",
    "Classification", "Length", "Archive", "Document Number",
]
FIELD_RE = re.compile(r"^(?P<label>" + "|".join(re.escape(f) for f in sorted(FIELD_NAMES, key=len, reverse=True))
                      + r")(?P<colon>:)?(?:\s+(?P<value>\S.*))?$")
INLINE_FIELD_RE = re.compile(r"(?:^|\s)(?P<label>" + "|".join(re.escape(f) for f in sorted(
    ["Citation", "Summary", "Credits", "Original Language", "Contents", "Original Archive", "Source", "Rights",
     "Subjects", "Type", "Language", "Record ID", "Date", "Author(s)"], key=len, reverse=True)) + r"):\s")
CREATOR_RE = re.compile(r"^(?=[^\W\d_])[\w’'\-]+(?: [\w’'\-]+)?, (?=[^\W\d_])[\w.’' \-]+$")
WDATE_RE = re.compile(rf"^(?:\d{{4}}\s+{B.MONTH_RE}(?:\s+\d{{1,2}})?|{B.MONTH_RE}\s+\d{{1,2}},\s*\d{{4}}|\d{{4}}|"
                      rf"c\.\s*\d{{4}}|\d{{1,2}}\s+{B.MONTH_RE}\s+\d{{4}})$")
FUNDING_RE = re.compile(r"^This document was made possible with support from")
BRACKET_ITEM_RE = re.compile(r"^\s*\[(\d{1,3})\]\s+(\S.*)$")
DASH_ITEM_RE = re.compile(r"^\s*[-–]\s+\S")
WILSON_SIGNATURE_RE = re.compile(r"^(?:/[^/]{2,60}/|[A-Z][A-Z.\- ]{2,40}|\(signature\)|\[signature\])[.]?$")


@dataclass
class Front:
    """The metadata pieces of the page, in page order."""
    pieces: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, label, text)

    def add(self, kind: str, text: str, label: str = "") -> None:
        self.pieces.append((kind, label, text))

    def first(self, kind: str) -> str | None:
        return next((t for k, _, t in self.pieces if k == kind), None)


def read(text: str, name: str = "transcript") -> Transcript:
    raw = text.split("\n")
    lines = [l.replace("\u00a0", " ").rstrip() for l in raw]
    warnings: list[str] = []
    dropped: list[str] = []
    kept = []
    for i, l in enumerate(lines):
        if NAV_RE.match(l.strip()):
            dropped.append(raw[i].strip())  # recorded as it was
            kept.append("")
        else:
            kept.append(l)
    start, end, flat = _zones(kept)
    front, back = Front(), Front()
    _read_meta(kept[:start], front, flat_line=flat)
    _read_meta(kept[end:], back)
    body_lines = kept[start:end]
    if flat is not None and flat[1]:
        body_lines = [flat[1]] + body_lines
    doc, style = _document(body_lines, start, front, back, warnings, name)
    return Transcript("wilson", [doc], warnings, dropped_lines=dropped, note_list_style=style)


# --- where the document text is -------------------------------------------------------------

def _zones(lines: list[str]) -> tuple[int, int, tuple[int, str] | None]:
    """(first body line, line after the body, (index, body text on it) of a flattened line)."""
    n = len(lines)
    end = n
    start = None
    flat = None
    for i, l in enumerate(lines):
        labels = INLINE_FIELD_RE.findall(l)
        if len(labels) >= 2 and len(l) > 80:
            m = re.search(r"Contents:\s*(?:English Translation|Original Scan|Transcript(?:ion)?)\s*", l)
            rest = l[m.end():].strip() if m else ""
            flat = (i, rest)
            start = i + 1
            break
    for i, l in enumerate(lines):
        if FUNDING_RE.match(l.strip()) and start is None:
            start = i + 1
    # "Document Information" was dropped as residue; the labelled block after the text starts at
    # the first field label that follows the last paragraph
    if start is None:
        start = _body_start_by_groups(lines)
    for i in range(start, n):
        if _label(lines[i]) and _fields_follow(lines, i):
            end = i
            break
    return start, end, flat


def _label(line: str) -> re.Match | None:
    """A field label line: 'Summary:' or 'Summary: value' or a bare 'Original Archive'."""
    m = FIELD_RE.match(line.strip())
    return m if m and (m.group("colon") or not m.group("value")) else None


def _fields_follow(lines: list[str], i: int) -> bool:
    """Is line i the start of a closing block of labelled fields (and nothing but fields after)?"""
    labels = 0
    for l in lines[i:]:
        s = l.strip()
        if not s:
            continue
        if _label(s):
            labels += 1
        elif len(s) > 300:
            return False
    return labels >= 2


def _groups(lines: list[str]) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip():
            j += 1
        out.append((i, j))
        i = j
    return out


def _body_start_by_groups(lines: list[str]) -> int:
    """Inquiry-set pages: title, description, creator and date, citation, commentary, then the
    text, which is the first group of several single-spaced paragraphs after the citation (or,
    failing that, the first group that reads like a document rather than about one)."""
    groups = _groups(lines)
    if not groups:
        return 0
    cit = next((k for k, (a, b) in enumerate(groups)
                if re.search(r"Digital Archive|Archive[s]?,|translat", " ".join(lines[a:b]), re.I) and k > 0), None)
    after = groups[cit + 1:] if cit is not None else groups[1:]
    for a, b in after:
        if b - a >= 2 and not _is_meta_group(lines[a:b]):
            return a
    for a, b in after:
        if not _is_commentary(" ".join(lines[a:b])) and not _is_meta_group(lines[a:b]):
            return a
    return after[0][0] if after else groups[-1][0]


def _is_meta_group(group: list[str]) -> bool:
    return all(_label(l) or CREATOR_RE.match(l.strip()) or WDATE_RE.match(l.strip())
               for l in group)


def _is_commentary(text: str) -> bool:
    return bool(re.search(r"\b(this (source|document|telegram|cable|record|letter)|students?|as you read|"
                          r"the document|the telegram|the cable|read it|historians?)\b", text, re.I))


# --- the metadata block ---------------------------------------------------------------------

def _read_meta(lines: list[str], meta: Front, flat_line: tuple[int, str] | None = None) -> None:
    groups = _groups(lines)
    seen_title = bool(meta.pieces)
    for a, b in groups:
        group = [l.strip() for l in lines[a:b]]
        flat = None
        if flat_line is not None and a <= flat_line[0] < b:
            flat = group[flat_line[0] - a]
            group = group[:flat_line[0] - a]
        k = 0
        while k < len(group):
            line = group[k]
            fm = _label(line)
            if fm:
                values = [fm.group("value")] if fm.group("value") else []
                j = k + 1
                while j < len(group) and not _label(group[j]):
                    values.append(group[j])
                    j += 1
                label = line[:fm.end("colon") if fm.group("colon") else fm.end("label")]
                meta.add("field:" + _slug(fm.group("label")), "\n".join(values), label)
                k = j
                continue
            if FUNDING_RE.match(line):
                meta.add("funding", line)
            elif CREATOR_RE.match(line) and not line.endswith(".") and line[0].isupper() and len(line) < 60:
                meta.add("creator", line)
            elif WDATE_RE.match(line):
                meta.add("date", line)
            elif line.startswith("•"):
                meta.add("citation", "\n".join(group[k:]))
                break
            elif not seen_title:
                meta.add("title", line)
                seen_title = True
            else:
                rest = "\n".join(group[k:])
                title = meta.first("title") or ""
                if (title and rest.replace("\n", " ").startswith(title[:40])) or re.search(
                        r"Digital Archive|Archive[s]?,", rest):
                    meta.add("citation", rest)
                elif meta.first("description") is None and meta.first("citation") is None \
                        and meta.first("creator") is None:
                    meta.add("description", rest)
                else:
                    meta.add("commentary", rest)
                break
            k += 1
        if flat is not None:
            _flat_fields(flat, meta, flat_line[1])


def _flat_fields(line: str, meta: Front, body_rest: str) -> None:
    """'Citation: … Summary: … Credits: … Contents: English Translation …' on one line."""
    head = line[:len(line) - len(body_rest)].rstrip() if body_rest and line.endswith(body_rest) else line
    meta.add("flat", head)
    for m, nxt in zip(INLINE_FIELD_RE.finditer(head), list(INLINE_FIELD_RE.finditer(head))[1:] + [None]):
        value = head[m.end():nxt.start() if nxt else len(head)].strip()
        meta.add("derived:" + _slug(m.group("label")), value)


def _slug(label: str) -> str:
    return re.sub(r"[^a-z]+", "-", label.lower()).strip("-")


# --- the document ---------------------------------------------------------------------------

def _document(lines: list[str], offset: int, front: Front, back: Front, warnings: list[str],
              name: str) -> tuple[Document, str]:
    atoms = Atoms()
    body_lines, items, style = split_list(lines)
    if not items:
        body_lines, items = _bracket_list(lines)
        style = "bracketed" if items else "numbered"
    blocks = [Block(protect(l.strip(), atoms, warnings, f"{name}:{offset + i + 1}: "), offset + i + 1, l)
              for i, l in enumerate(body_lines) if l.strip()]
    title = front.first("title") or front.first("derived:title") or (strip_atoms(blocks[0].text)[:80] if blocks
                                                                      else name)
    doc = Document(body=Node("div", {"type": "document"}), title=title)
    if not blocks:
        warnings.append(f"{name}:1: no document text found after the page's metadata; the TEI has an empty body")
        doc.body.append(Node("p", {}, []))
        _meta_facts(doc, front, back)
        return doc, style
    texts, unplaced = notes.anchor([""] + [b.text for b in blocks], 0, [blocks[0].line] + [b.line for b in blocks],
                                   items, atoms, warnings, name, bracketed=True)
    for b, t in zip(blocks, texts[1:]):
        b.text = t
    top, i = letter.top_zone(blocks, atoms, cipher=True)
    k = len(blocks)  # a distribution list after the signature: a postscript
    while k > i and DASH_ITEM_RE.match(blocks[k - 1].text):
        k -= 1
    tail, end = letter.bottom_zone(blocks[:k], i, atoms, signature=_signature)
    people = People(author=front.first("creator"), full_names=_full_names(front, blocks))
    doc.body.children += top
    doc.body.children += _middle(blocks[i:end], people, atoms, warnings, name)
    doc.body.children += letter.closer(tail)
    if k < len(blocks):
        common = any(isinstance(c, Node) and c.tag in ("p", "list", "sp", "quote", "said", "label")
                     for c in doc.body.children)
        lst = dash_list(blocks[k:], atoms)  # after the text a postscript; when it is all there is, the text
        doc.body.append(Node("postscript", {}, [lst]) if common else lst)
    doc.body.children += unplaced
    doc.lang = _language(" ".join(strip_atoms(b.text) for b in blocks))
    for pid, pname in people.ids.items():
        doc.speakers[pid] = pname
    doc.speaker_variants = people.variants
    _meta_facts(doc, front, back)
    return doc, style


def _bracket_list(lines: list[str]) -> tuple[list[str], list[FootItem]]:
    """A footnote list of '[1] text' items at the end of the text."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    k = end
    while k and (BRACKET_ITEM_RE.match(lines[k - 1]) or not lines[k - 1].strip()):
        k -= 1
    items = [FootItem(m.group(1), [m.group(2)], i + 1) for i, l in enumerate(lines[k:end], start=k)
             if (m := BRACKET_ITEM_RE.match(l))]
    if items and [int(it.label) for it in items] == list(range(1, len(items) + 1)):
        return lines[:k], items
    return lines, []


def _signature(t: str) -> bool:
    """A signature line: a name, a title, '/A. Dobrynin/' (Soviet slashes), 'DOBRYNIN'."""
    plain = strip_atoms(t).strip()
    if letter.CIPHER_RE.match(plain) or letter.turn(plain):
        return False
    return B.is_signature(t) or (bool(WILSON_SIGNATURE_RE.match(plain)) and len(plain.split()) <= 6)


def _full_names(front: Front, blocks: list[Block]) -> list[str]:
    """Full names that the page gives (in its title, description, a participants line)."""
    text = " ".join(t for k, _, t in front.pieces if k in ("title", "description", "commentary", "field:summary"))
    text += " " + " ".join(strip_atoms(b.text) for b in blocks if re.match(r"^Participants?:", b.text))
    found = re.findall(r"\b(?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+\b", text)
    names = []
    for n in found:
        words = n.split()
        while words and (words[0] in TITLES or words[0] in NOT_NAME_WORDS):
            words = words[1:]
        if len(words) >= 2:
            names.append(" ".join(words))
    return list(dict.fromkeys(names))


NOT_NAME_WORDS = {"The", "This", "On", "In", "Later", "Soviet", "Cable", "Meeting", "Foreign", "Encrypted", "Record",
                  "Memorandum", "Conversation", "Letter", "Report", "Telegram", "Head", "Participants"}


def _middle(blocks: list[Block], people: People, atoms: Atoms, warnings: list[str], name: str) -> list[Node]:
    texts = [b.text for b in blocks]
    dialogue = letter.is_dialogue(blocks)
    turns = {k: m for k, b in enumerate(blocks) if dialogue and (m := letter.turn(b.text))}
    spans = said_spans(texts, people, warnings, lambda k: f"{name}:{blocks[k].line}",
                       {k: m.group("who") for k, m in turns.items()})
    out: list[Node] = []
    i = 0
    while i < len(blocks):
        t = blocks[i].text
        if DASH_ITEM_RE.match(t) and not spans.get(i):
            j = i
            while j < len(blocks) and DASH_ITEM_RE.match(blocks[j].text) and not spans.get(j):
                j += 1
            out.append(dash_list(blocks[i:j], atoms))
            i = j
            continue
        if i in turns:
            m = turns[i]
            k = m.end()
            shifted = [Span(sp.start - k, sp.end - k, sp.tag, sp.attrs) for sp in spans.get(i, []) if sp.start >= k]
            who = people.id_for(m.group("who"))
            out.append(Node("sp", {"who": "#" + who}, [Node("speaker", {}, build(t[:k].rstrip(), atoms)),
                                                      Node("p", {}, build(t[k:], atoms, shifted))]))
        elif B.only_global_atoms(t, atoms):
            out += build(t, atoms)
        else:
            out.append(Node("p", {}, build(t, atoms, spans.get(i, []))))
        i += 1
    return out


def dash_list(blocks: list[Block], atoms: Atoms) -> Node:
    """A distribution list: '- Comrade …' lines."""
    items = [Node("item", {}, build(re.sub(r"^\s*[-–]\s+", "", b.text), atoms)) for b in blocks]
    rend = "en-dashed" if blocks[0].text.lstrip().startswith("–") else "dashed"
    return Node("list", {"type": "distribution", "rend": rend}, items)


def _language(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    def share(lo, hi):
        return sum(1 for c in letters if lo <= ord(c) <= hi) / len(letters)
    if share(0x0400, 0x04FF) > 0.3:
        return "ru"
    if share(0x4E00, 0x9FFF) > 0.3:
        return "zh"
    if share(0xAC00, 0xD7AF) > 0.3:
        return "ko"
    words = re.findall(r"[a-zäöüßąćęłńóśźżčěřšžýáíéúů]+", text.lower())
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in STOPWORDS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] > max(5, 0.05 * len(words)) and counts[best] > counts.get("en", 0) else "en"


STOPWORDS = {
    "en": {"the", "and", "of", "to", "that", "is", "in", "we", "it", "not"},
    "de": {"der", "die", "und", "das", "nicht", "ist", "wir", "mit", "zu", "den", "auf", "sich"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "que", "nous", "pas", "dans"},
    "es": {"el", "la", "los", "y", "que", "es", "una", "por", "con", "para", "las"},
    "pl": {"nie", "się", "że", "jest", "na", "i", "w", "do", "to", "z", "jak"},
    "cs": {"se", "že", "je", "na", "a", "v", "to", "s", "jsou", "jako", "pro"},
    "hu": {"a", "az", "és", "hogy", "nem", "is", "egy", "meg", "van"},
}


def _meta_facts(doc: Document, front: Front, back: Front) -> None:
    from .blocks import iso_date
    creator = front.first("creator") or back.first("field:author-s") or back.first("field:authors")
    if creator:
        doc.sent.person = creator
        doc.sent.evidence = "creator"
    date = front.first("date") or front.first("derived:date")
    if date:
        doc.sent.date_text = date
        doc.sent.date_when = _wilson_iso(date) or iso_date(date)
        doc.sent.date_evidence = "date-line"
    doc.doc_type = _wilson_type(doc.title)
    m = re.match(r"^[^,]+,\s*(?P<from>.+?)\s+to\s+(?P<to>(?:the\s+)?[^,]+)", doc.title or "") or re.search(
        r"\bfrom\s+(?P<from>.+?)(?:\s+to\s+(?P<to>.+?))?(?:,|\s+\d{1,2}\s+\w+\s+\d{4}|$)", doc.title or "", re.I)
    if m:
        if not doc.sent.person:
            set_party(doc.sent, m.group("from"), "title")
        if m.group("to"):
            set_party(doc.received, m.group("to"), "title")
    doc.front = front.pieces
    doc.back = back.pieces


def _wilson_iso(date: str) -> str | None:
    m = re.match(rf"^(\d{{4}})\s+({B.MONTH_RE})(?:\s+(\d{{1,2}}))?$", date.strip())
    if not m:
        m2 = re.match(r"^(?:c\.\s*)?(\d{4})$", date.strip())
        return m2.group(1) if m2 else None
    month = next(i for i, n in enumerate(B.MONTH_NAMES, 1) if n.startswith(m.group(2).rstrip(".")[:3]))
    return f"{m.group(1)}-{month:02d}" + (f"-{int(m.group(3)):02d}" if m.group(3) else "")


def _wilson_type(title: str) -> str | None:
    m = re.match(r"^(Cable|Telegram|Letter|Memorandum of Conversation|Memorandum|Record of Conversation|"
                 r"Minutes|Note|Report|Transcript|Conversation|Ciphered Telegram|Diary|Speech|Notes|Record)", title or "",
                 re.I)
    return m.group(1)[0].upper() + m.group(1)[1:].lower() if m else None


__all__ = ["read", "Span"]
