"""Reader for FRUS document pages copied as text (history.state.gov).

A page reads: the heading (``249. Telegram From … 1``), optional top lines (dateline, file
number, classification), paragraphs with ``[Page N]`` markers and footnote markers, a closing
(signature), and the footnote list. This reader turns that into a :class:`~tei.model.Document`
whose body is a ``div[@type='document']`` tree; ``encoder.py`` writes the TEI.
"""
from __future__ import annotations

import re

from . import blocks as B
from . import correspondence, letter, notes
from .blocks import Block
from .footnotes import FootItem, split_list
from .inline import Atoms, Span, build, classify_quote, pair_quotes, protect, speaker_of, strip_atoms
from .model import Document, Node, Transcript

KNOWN_HEADINGS = re.compile(r"^(?:Editorial Note|Preface|Introduction|Summary|Note on Sources|Chronology)\b")
HEADING_RE = re.compile(r"^(?P<num>\d{1,4}[A-Za-z]?)\.\s+(?P<title>\S.*)$")
LABEL_RE = re.compile(
    r"^(?P<label>SUBJECTS?|PARTICIPANTS?|DATE & TIME|DATE AND TIME|DATE|TIME|PLACE|COPIES TO|DISTRIBUTION|"
    r"ALSO PRESENT|U\.S\. SIDE|SOVIET SIDE|PRESENT|Subject|Participants|Place|Date)(?P<colon>:?)(?P<rest>.*)$"
)
SOURCE_RE = re.compile(r"^\s*Source:")
def read(text: str, name: str = "transcript") -> Transcript:
    lines = text.split("\n")
    warnings: list[str] = []
    atoms = Atoms()
    if any(OLD_NOTE_RE.match(line) for line in lines):
        return _read_old_site(lines, atoms, warnings, name)
    body_lines, items, style = split_list(lines)
    blocks = _blocks(body_lines, 0, atoms, warnings, name)
    if not blocks:
        raise ValueError(f"{name}: no text found: the transcript is empty (or only has a footnote list)")
    doc = _document(blocks, items, atoms, warnings, name)
    return Transcript("frus", [doc], warnings, note_list_style=style)


def _blocks(lines: list[str], offset: int, atoms: Atoms, warnings: list[str], name: str) -> list[Block]:
    return [Block(protect(line.strip(), atoms, warnings, f"{name}:{offset + i + 1}: "), offset + i + 1, line)
            for i, line in enumerate(lines) if line.strip()]


def _document(blocks: list[Block], items: list[FootItem], atoms: Atoms, warnings: list[str], name: str,
              marked: dict | None = None) -> Document:
    """One document from its blocks. ``marked`` holds notes already placed (older site format)."""
    head_block, body = blocks[0], blocks[1:]
    m = HEADING_RE.match(head_block.text)
    number = m.group("num") if m else None
    if not m and not KNOWN_HEADINGS.match(strip_atoms(head_block.text)):
        warnings.append(f"{name}:{head_block.line}: no FRUS heading ('249. Telegram From …') on the first line; "
                        f"it is kept as the head and the rest as paragraphs: check the transcript")
    head_text = head_block.text  # the head keeps the document number, as printed
    unplaced: list[Node] = []
    if marked is None:
        texts, unplaced = notes.anchor([head_text] + [b.text for b in body], m.end("num") + 1 if m else 0,
                                       [head_block.line] + [b.line for b in body], items, atoms, warnings, name)
        head_text = texts[0]
        for b, t in zip(body, texts[1:]):
            b.text = t
    title_plain = _title_of(strip_atoms(head_text)[len(number) + 2 if number else 0:])
    doc = Document(body=Node("div", {"type": "document"}), title=title_plain, number=number)
    if number:
        doc.body.attrs["n"] = number
    doc.body.append(Node("head", {}, build(head_text, atoms)))
    top, i = letter.top_zone(body, atoms)
    tail, end = letter.bottom_zone(body, i, atoms)
    doc.body.children += top
    doc.body.children += _middle(body[i:end], doc, atoms, warnings, name)
    doc.body.children += letter.closer(tail)
    doc.body.children += unplaced
    _header_facts(doc, atoms, items)
    return doc


# --- the older State Department site ----------------------------------------------------------
# Navigation text first; several documents on a page, each heading ending with its source-note
# marker /1/; markers /N/; each footnote a paragraph "/N/text" soon after the paragraph citing it.

OLD_NOTE_RE = re.compile(r"^\s*/(?P<n>\d{1,3})/\s*(?P<text>\S.*)$")
OLD_HEAD_RE = re.compile(r"^\d{1,4}[A-Za-z]?\.\s+\S.*/1/\s*$")
OLD_MARKER_RE = re.compile(r"(?<![\d/])/(\d{1,3})/(?![\d/])")


def _read_old_site(lines: list[str], atoms: Atoms, warnings: list[str], name: str) -> Transcript:
    heads = [i for i, line in enumerate(lines) if OLD_HEAD_RE.match(line.strip())]
    if not heads:
        heads = [next(i for i, line in enumerate(lines) if line.strip())]
    dropped = [line.strip() for line in lines[:heads[0]] if line.strip()]
    docs = []
    for k, start in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(lines)
        docs.append(_old_document(lines[start:end], start, atoms, warnings, name))
    return Transcript("frus", docs, warnings, dropped_lines=dropped, note_list_style="inline")


def _old_document(lines: list[str], offset: int, atoms: Atoms, warnings: list[str], name: str) -> Document:
    blocks = _blocks(lines, offset, atoms, warnings, name)
    notes_by_n: dict[str, Node] = {}
    kept: list[Block] = []
    ids = f"d{offset + 1}fn"
    for b in blocks:
        m = OLD_NOTE_RE.match(strip_atoms(b.text))
        if m and b is not blocks[0]:
            n = m.group("n")
            # the note's text as it followed the marker (white space included: "/2/ See" or "/2/See")
            note = Node("note", {"n": n, "rend": "slashed", "xml:id": ids + n},
                        build(b.text[b.text.index("/", 1) + 1:], atoms))
            if note.text().startswith("Source:"):
                note.attrs["type"] = "source"
            notes_by_n[n] = note
            kept.append(Block(atoms.put(Node("anchor", {"type": "footnote-text", "corresp": f"#{ids}{n}"})),
                              b.line, b.raw))
        else:
            kept.append(b)
    placed = set()

    def swap(m):
        note = notes_by_n.get(m.group(1))
        if note is None or m.group(1) in placed:
            return m.group(0)
        placed.add(m.group(1))
        return atoms.put(note)

    for b in kept:
        b.text = OLD_MARKER_RE.sub(swap, b.text)
    doc = _document(kept, [], atoms, warnings, name, marked=notes_by_n)
    for n, note in notes_by_n.items():
        if n not in placed:
            note.attrs["place"] = "end"
            doc.body.append(note)
            warnings.append(f"{name}:{offset + 1}: footnote /{n}/ has no marker in the text; kept at the end")
    return doc


# --- the body ---------------------------------------------------------------------------------

def _middle(blocks: list[Block], doc: Document, atoms: Atoms, warnings: list[str], name: str) -> list[Node]:
    out: list[Node] = []
    is_dialogue = letter.is_dialogue(blocks)
    quote_runs = _quote_runs(blocks)
    i = 0
    while i < len(blocks):
        b = blocks[i]
        t = b.text
        if i in quote_runs:
            j = quote_runs[i]
            out.append(_block_quote(blocks, i, j, doc, atoms))
            i = j
            continue
        plain = strip_atoms(t)
        lm = LABEL_RE.match(plain)
        if lm and not lm.group("rest").strip() and not lm.group("colon") or (lm and lm.group("colon") and not lm.group("rest").strip()):
            j = i + 1
            items = []
            while j < len(blocks) and _is_list_item(blocks[j], lm.group("label")):
                items.append(blocks[j])
                j += 1
            lst = Node("list", {"type": _slug(lm.group("label"))}, [Node("head", {}, build(t, atoms))])
            if items and strip_atoms(items[0].text).lstrip().startswith("•"):
                lst.attrs["rend"] = "bulleted"
            lst.children += _items(items, atoms)
            out.append(lst)
            i = j
            continue
        if lm and lm.group("colon") and lm.group("label").isupper():
            k = t.index(":") + 1
            out.append(Node("p", {}, [Node("label", {}, build(t[:k], atoms))] + _inline(t[k:], doc, atoms)))
            i += 1
            continue
        if plain.lstrip().startswith("•"):
            j = i
            while j < len(blocks) and strip_atoms(blocks[j].text).lstrip().startswith("•"):
                j += 1
            out.append(Node("list", {"rend": "bulleted"}, _items(blocks[i:j], atoms)))
            i = j
            continue
        if B.only_global_atoms(t, atoms):
            out += build(t, atoms)
            i += 1
            continue
        # "[Page 202]K: …": the page break goes into the speaker, as glued as it was
        lead = len(t) - len(t.lstrip("".join(c for c in t if Atoms.is_atom(c))))
        if is_dialogue and (tm := letter.turn(t[lead:])):
            who = B.make_id(tm.group("who"), "sp-")
            doc.speakers.setdefault(who, tm.group("who"))
            k = lead + tm.end()
            out.append(Node("sp", {"who": "#" + who}, [Node("speaker", {}, build(t[:k].rstrip(), atoms)),
                                                       Node("p", {}, _inline(t[k:], doc, atoms))]))
            i += 1
            continue
        out.append(Node("p", {}, _inline(t, doc, atoms)))
        i += 1
    return out


def _is_list_item(b: Block, label: str) -> bool:
    plain = strip_atoms(b.text).strip()
    if LABEL_RE.match(plain) or not plain:
        return False
    if plain.startswith("•"):
        return True
    if label.upper().startswith("SUBJECT"):
        return len(plain) < 200
    return len(plain) < 160 and not (plain.endswith(".") and len(plain.split()) > 12)


def _items(blocks: list[Block], atoms: Atoms) -> list[Node]:
    """List items; bullets indented deeper than the first start a nested list."""
    out: list[Node] = []
    base = None
    i = 0
    while i < len(blocks):
        b = blocks[i]
        indent = len(b.raw) - len(b.raw.lstrip())
        base = indent if base is None else base
        if indent > base and out:
            j = i
            while j < len(blocks) and len(blocks[j].raw) - len(blocks[j].raw.lstrip()) > base:
                j += 1
            out[-1].append(Node("list", {"rend": "bulleted"}, _items(blocks[i:j], atoms)))
            i = j
            continue
        t = b.text.lstrip()
        if t.startswith("•"):
            t = t[1:].lstrip()
        out.append(Node("item", {}, build(t, atoms)))
        i += 1
    return out


def _slug(label: str) -> str:
    return re.sub(r"[^a-z]+", "-", label.lower()).strip("-")


# --- quotations -------------------------------------------------------------------------------

def _opens_unclosed(t: str) -> bool:
    s = t.lstrip()
    s = s.lstrip("".join(c for c in s[:3] if Atoms.is_atom(c)))
    if not s or s[0] not in "“\"":
        return False
    pairs, opens, _ = pair_quotes(t)
    first = len(t) - len(s)
    return first in opens


def _quote_runs(blocks: list[Block]) -> dict[int, int]:
    """Multi-paragraph quotations: paragraphs that open a quote and leave it open, up to the one
    that closes it. Returns {first block: block after the run}."""
    runs = {}
    i = 0
    while i < len(blocks):
        if _opens_unclosed(blocks[i].text):
            j = i + 1
            while j < len(blocks) and (B.only_atoms(blocks[j].text) or _opens_unclosed(blocks[j].text)):
                j += 1
            # the closing paragraph: it opens and closes, the close near its end, or only closes
            if j < len(blocks) and _closes_run(blocks[j].text):
                j += 1
            while j > i and B.only_atoms(blocks[j - 1].text):
                j -= 1
            if j - i >= 2:
                runs[i] = j
                i = j
                continue
        i += 1
    return runs


def _closes_run(t: str) -> bool:
    pairs, opens, closes = pair_quotes(t)
    plain_end = len(strip_atoms(t).rstrip())
    if closes and not opens:
        return True
    if pairs and not opens and not closes:
        a, b = pairs[-1]
        rest = strip_atoms(t[b:]).strip()
        return len(pairs) == 1 and a <= len(t) - len(t.lstrip()) + 1 and len(rest) <= 2 and plain_end > 0
    return False


def _block_quote(blocks: list[Block], i: int, j: int, doc: Document, atoms: Atoms) -> Node:
    before = blocks[i - 1].text if i else ""
    speech = bool(re.search(r":\s*$", strip_atoms(before))) and speaker_of(before, "")[0]
    who = speaker_of(before, "")[1] if speech else None
    node = Node("said" if speech else "quote", {})
    if who:
        node.attrs["who"] = "#" + _speaker_id(doc, who)
    for b in blocks[i:j]:
        if B.only_global_atoms(b.text, atoms):
            node.children += build(b.text, atoms)
        else:
            node.append(Node("p", {}, _inline(b.text, doc, atoms, in_quote=True)))
    return node


def _speaker_id(doc: Document, who: str) -> str:
    sid = B.make_id(who, "per-")
    doc.speakers.setdefault(sid, who)
    return sid


def _inline(t: str, doc: Document, atoms: Atoms, in_quote: bool = False) -> list:
    spans = []
    pairs, _, _ = pair_quotes(t)
    for a, b in pairs:
        if in_quote and a <= len(t) - len(t.lstrip()):
            continue  # the run's own opening mark
        tag, who = classify_quote(t, a, b)
        attrs = {"who": "#" + _speaker_id(doc, who)} if tag == "said" and who else {}
        spans.append(Span(a, b, tag, attrs))
    return build(t, atoms, spans)


# --- header facts -----------------------------------------------------------------------------

def _title_of(heading: str) -> str:
    return re.sub(r"(?:\s?\d{1,3})+\s*$", "", heading).strip() if heading else heading


def _header_facts(doc: Document, atoms: Atoms, items: list[FootItem]) -> None:
    title = re.sub(r"\s+", " ", doc.title)
    doc.title = title
    m = re.match(r"^(?P<type>.*?)\s+From\s+(?P<rest>.+)$", title)
    if m:
        doc.doc_type = m.group("type")
        sender, addressee = _split_from_to(m.group("rest"))
        correspondence.set_party(doc.sent, sender, "heading")
        if addressee:
            correspondence.set_party(doc.received, addressee, "heading")
    elif (m := re.match(r"^(?P<from>(?:The|the) [^,]+?)\s+to\s+(?P<to>(?:the|The|President|Chairman) .+)$", title)):
        # pre-1952 headings: "The Ambassador in the Soviet Union (Kirk) to the Secretary of State";
        # the document type is on the file-number line ("861.00/10–2849: Telegram")
        sender, addressee = _split_from_to(m.group("from") + " to " + m.group("to"))
        correspondence.set_party(doc.sent, sender, "heading")
        correspondence.set_party(doc.received, addressee, "heading")
        seg = next((n for n in doc.body.iter("seg") if n.attrs.get("type") == "file-number"), None)
        doc.doc_type = seg.text().rsplit(":", 1)[-1].strip() if seg is not None else None
    else:
        doc.doc_type = re.split(r"\s+(?:to|by|between|of the|on)\s+", title, maxsplit=1)[0] if title else None
        if title.startswith("Memorandum of Conversation"):
            doc.doc_type = "Memorandum of Conversation"
    for n in doc.body.iter("dateline"):
        for d in n.iter("date"):
            doc.sent.date_when, doc.sent.date_text = d.attrs.get("when"), d.text()
            doc.sent.date_evidence = "dateline"
        for p in n.iter("placeName"):
            doc.sent.place = p.text()
        break
    src = next((n for n in doc.body.iter("note") if n.attrs.get("type") == "source"), None)
    if src is not None:
        text = re.sub(r"\s+", " ", src.text()).strip()
        doc.source_citation = text
        _source_facts(doc, text)


def _split_from_to(rest: str) -> tuple[str, str | None]:
    # "the Special Assistant to the President (Bundy) to President Kennedy": split after ")"
    m = re.match(r"^(.*?\))\s+to\s+(.+)$", rest)
    if m:
        return m.group(1), m.group(2)
    parts = re.split(r"\s+to\s+", rest, maxsplit=1)
    return parts[0], (parts[1] if len(parts) > 1 else None)


def _source_facts(doc: Document, text: str) -> None:
    body = text[len("Source:"):].strip() if text.startswith("Source:") else text
    sentences = [s.strip() for s in re.split(r"(?<=[.;])\s+(?=[A-Z])", body) if s.strip()]
    if sentences:
        doc.bibl.append(("archival-citation", sentences[0]))
    for s in sentences[1:]:
        if re.match(r"^(Top Secret|Secret|Confidential|Limited Official Use|Unclassified|No classification|"
                     r"Official Use Only|Personal and Confidential|Eyes Only)", s):
            doc.classification = doc.classification or s.split(";")[0].rstrip(".")
            doc.bibl.append(("classification", s))
        elif re.match(r"^(Drafted|Approved|Cleared|Repeated|Transmitted|Received|Sent|Passed|Also sent)", s):
            doc.bibl.append(("transmission", s))
        else:
            doc.bibl.append(("remark", s))
    fm = re.search(r"\b(\d{3}(?:\.\d+)*[A-Z]?/\d{1,2}[–-]\d{3,4})\b", body)
    if fm:
        doc.file_number = fm.group(1)
        if not doc.sent.date_when:
            when = _file_number_date(fm.group(1))
            if when:
                doc.sent.date_when, doc.sent.date_cert = when, "medium"
                doc.sent.date_evidence = "file-number"


def _file_number_date(fn: str) -> str | None:
    """611.61/12-2961 is 29 December 1961; 396.1/5–855 is 8 May 1955."""
    tail = re.split(r"/", fn)[-1]
    m = re.match(r"^(\d{1,2})[–-](\d{3,4})$", tail)
    if not m:
        return None
    month, rest = int(m.group(1)), m.group(2)
    day, yy = int(rest[:-2]), int(rest[-2:])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"19{yy:02d}-{month:02d}-{day:02d}"
