"""Quoted speech in reported conversation: which words are whose.

Wilson Center translations mix straight ``"``, curly ``“ ”`` and two apostrophes ``''`` for an
opening double quote, leave quotations open across an omission and a paragraph break, and close a
quotation after an interruption (``…issue," R. Kennedy added, "if Premier…``). This module reads
the marks as they are, cuts the text into quoted segments, and attributes each one from the
words around it (``replied R. Kennedy``, ``R. Kennedy stressed``, ``I asked``). Where the
structure cannot be decided it keeps the segment short and says so, rather than guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .inline import SPEECH_VERBS, Atoms, Span, strip_atoms

TITLES = {"President", "Ambassador", "Comrade", "Mr.", "Mrs.", "Chairman", "Premier", "Secretary", "General",
          "Minister", "Foreign", "Prime", "Attorney", "Senator", "Marshal", "Deputy", "Vice", "Dr.", "Prof.",
          "Mr", "Mrs", "Ms.", "Count", "King", "Queen", "Prince", "Chancellor", "Leader", "Admiral", "Colonel"}
NAME = r"(?:(?:[A-Z][a-z]+|[A-Z]\.|Mr\.|Mrs\.|Dr\.)\s?)*(?:[A-Z]\.\s?)*[A-Z][\w’'-]+"
VERB = rf"(?:\w+ly\s+)?(?:{SPEECH_VERBS})"
# after a quotation: ", I asked R. Kennedy" / ", replied R. Kennedy" / ", R. Kennedy stressed"
AFTER_I = re.compile(rf"^[\s,.;:—–-]*(?:I|we)\s+{VERB}\b")
AFTER_VERB_NAME = re.compile(rf"^[\s,.;:—–-]*{VERB}\s+(?P<who>{NAME})")
AFTER_NAME_VERB = re.compile(rf"^[\s,.;:—–-]*(?P<who>{NAME})\s+{VERB}\b")
# before a quotation: "R. Kennedy added, " / "I said: " / "replied R. Kennedy: "
BEFORE_NAME_VERB = re.compile(rf"(?P<who>{NAME})\s+{VERB}\b[^\"“”]{{0,40}}[,:]?\s*$")
BEFORE_VERB_NAME = re.compile(rf"\b{VERB}\s+(?P<who>{NAME})[^\"“”]{{0,20}}[,:]\s*$")
BEFORE_I = re.compile(rf"\b(?:I|we)\s+{VERB}\b[^\"“”]{{0,40}}[,:]?\s*$")
NOT_SPEAKERS = {"The", "This", "That", "It", "He", "She", "They", "We", "But", "And", "As", "In", "On", "If",
                "When", "Then", "There", "His", "Her", "Our", "Their", "A", "An", "USA", "US", "USSR", "NATO"}


@dataclass
class Segment:
    block: int
    start: int
    end: int
    kind: str  # closed | unclosed | runs-on | continued | resumed
    who: str | None = None  # a name as printed, or "I"
    links: list[int] = field(default_factory=list)


def marks(s: str) -> list[tuple[int, int, str]]:
    """(start, end, 'open'|'close') for each double quotation mark, straight or curly or ''."""
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        prev = s[i - 1] if i else " "
        nxt = s[i + 1] if i + 1 < len(s) else " "
        if s.startswith("''", i):
            after = s[i + 2] if i + 2 < len(s) else " "
            if (prev.isspace() or Atoms.is_atom(prev)) and not after.isspace():
                out.append((i, i + 2, "open"))
            elif not prev.isspace():
                out.append((i, i + 2, "close"))
            i += 2
            continue
        if ch == "“":
            out.append((i, i + 1, "open"))
        elif ch == "”":
            out.append((i, i + 1, "close"))
        elif ch == '"':
            opening = (prev.isspace() or prev in "([—–-" or Atoms.is_atom(prev)) and not nxt.isspace()
            if opening:
                out.append((i, i + 1, "open"))
            elif not prev.isspace():
                out.append((i, i + 1, "close"))
        i += 1
    return out


def _lead(s: str) -> int:
    """Where the words of a block begin (after white space and an omission)."""
    i = 0
    while i < len(s) and (s[i].isspace() or Atoms.is_atom(s[i])):
        i += 1
    return i


def segments(texts: list[str], warnings: list[str], where) -> list[Segment]:
    segs: list[Segment] = []
    carried: Segment | None = None
    for b, s in enumerate(texts):
        cur: int | None = None
        cur_kind = "closed"
        in_block: list[Segment] = []
        if carried is not None:
            cur, cur_kind = _lead(s), "continued"
        for a, e, kind in marks(s):
            if kind == "open":
                if cur is not None:
                    end = len(s[:a].rstrip())
                    in_block.append(Segment(b, cur, end, "unclosed"))
                    warnings.append(f"{where(b)}: a quotation opened here is not closed before the next one "
                                    f"opens; the first is ended there: check the quotation marks")
                cur, cur_kind = a, "closed"
            elif cur is not None:
                in_block.append(Segment(b, cur, e, cur_kind))
                cur = None
            else:
                start = _resume_point(s, in_block[-1].end if in_block else None)
                if start is not None and start < a:
                    in_block.append(Segment(b, start, e, "resumed"))
                else:
                    warnings.append(f"{where(b)}: a closing quotation mark with no opening one; left as narrative")
        if cur is not None:
            in_block.append(Segment(b, cur, len(s.rstrip()), "runs-on"))
        if carried is not None and in_block and in_block[0].kind == "continued":
            carried.links.append(len(segs))
        carried = in_block[-1] if in_block and in_block[-1].kind == "runs-on" else None
        segs += in_block
    return segs


def _resume_point(s: str, after: int | None) -> int | None:
    """A quotation closed without an opening mark, after an interruption: it resumes at the
    first sentence (or omission) after the attribution that ended the last segment."""
    if after is None:
        return None
    # an omission, or the end of a sentence (not the full stop of an initial: "R. Kennedy")
    m = re.compile(r"(?=[\U000F0000-\U000FFFFD])|(?<!\s[A-Z])[.!?]\s+(?=\S)").search(s, after)
    if not m:
        return None
    i = m.end()
    while i < len(s) and s[i].isspace():
        i += 1
    return i


def attribute(texts: list[str], segs: list[Segment]) -> None:
    """Fill in who speaks each segment, from the words after it, then before it."""
    for k, seg in enumerate(segs):
        s = texts[seg.block]
        after = strip_atoms(s[seg.end:seg.end + 100])
        prev_end = max([x.end for x in segs if x.block == seg.block and x.end <= seg.start], default=0)
        before = strip_atoms(s[prev_end:seg.start])[-100:]
        if seg.kind == "runs-on":
            after = ""  # the next paragraph says who (see links)
        seg.who = _who(after, before)
    # a quotation continued in the next paragraph is one speech: share the speaker
    for seg in segs:
        for j in seg.links:
            seg.who = seg.who or segs[j].who
            segs[j].who = segs[j].who or seg.who
    for k, seg in enumerate(segs):
        if seg.kind == "resumed" and not seg.who and k:
            seg.who = segs[k - 1].who


def _who(after: str, before: str) -> str | None:
    if AFTER_I.match(after):
        return "I"
    for rx in (AFTER_VERB_NAME, AFTER_NAME_VERB):
        m = rx.match(after)
        if m and _name_ok(m.group("who")):
            return _clean(m.group("who"))
    if BEFORE_I.search(before):
        return "I"
    for rx in (BEFORE_NAME_VERB, BEFORE_VERB_NAME):
        m = rx.search(before)
        if m and _name_ok(m.group("who")):
            return _clean(m.group("who"))
    return None


def _name_ok(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0] not in NOT_SPEAKERS and words[-1] not in NOT_SPEAKERS


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


@dataclass
class People:
    """The speakers of a document, keyed so that 'R. Kennedy' and 'Robert Kennedy' are one person."""
    author: str | None = None
    full_names: list[str] = field(default_factory=list)  # names from the page's metadata
    ids: dict[str, str] = field(default_factory=dict)  # xml:id -> preferred name
    variants: dict[str, list[str]] = field(default_factory=dict)

    def key(self, name: str) -> tuple[str, str]:
        words = [w for w in name.replace(",", " ").split() if w not in TITLES]
        if not words:
            return (name.lower(), "")
        if "," in name:  # "Dobrynin, Anatoly Fedorovich"
            surname, first = name.split(",")[0].split()[-1], (name.split(",")[1].strip()[:1] or "")
        else:
            surname, first = words[-1], (words[0][:1] if len(words) > 1 else "")
        return (surname.lower(), first.lower())

    def id_for(self, name: str) -> str:
        from .blocks import make_id
        if name == "I" and self.author:
            name = self.author
        k = self.key(name)
        preferred = name
        for full in [self.author or ""] + self.full_names:
            if full and self.key(full) == k or (full and not k[1] and self.key(full)[0] == k[0]
                                               and self._only_surname(k[0])):
                preferred = full
                break
        if "," in preferred:  # catalogue form "Surname, Forenames" -> "Forenames Surname"
            sur, fore = preferred.split(",", 1)
            preferred = f"{fore.strip()} {sur.strip()}"
        pid = make_id(preferred, "per-")
        self.ids.setdefault(pid, preferred)
        self.variants.setdefault(pid, [])
        if name not in self.variants[pid] and name != preferred:
            self.variants[pid].append(name)
        return pid

    def _only_surname(self, surname: str) -> bool:
        keys = {self.key(f) for f in [self.author or ""] + self.full_names if f}
        return sum(1 for k in keys if k[0] == surname) == 1


def said_spans(texts: list[str], people: People, warnings: list[str], where) -> dict[int, list[Span]]:
    """Spans of ``said`` per block (with @who, and @next/@prev for a speech across paragraphs)."""
    segs = segments(texts, warnings, where)
    attribute(texts, segs)
    out: dict[int, list[Span]] = {}
    linked = {j for s in segs for j in s.links} | {k for k, s in enumerate(segs) if s.links}
    for k, seg in enumerate(segs):
        attrs: dict[str, str] = {}
        if seg.who:
            attrs["who"] = "#" + people.id_for(seg.who)
        else:
            warnings.append(f"{where(seg.block)}: a quotation with no speaker named nearby; encoded as said "
                            f"without @who: add it by hand if you know the speaker")
        if k in linked:
            attrs["xml:id"] = f"said{k + 1}"
        for j in seg.links:
            attrs["next"] = f"#said{j + 1}"
            segs_j = segs[j]
            out.setdefault(segs_j.block, [])
        for m, other in enumerate(segs):
            if k in other.links:
                attrs["prev"] = f"#said{m + 1}"
        out.setdefault(seg.block, []).append(Span(seg.start, seg.end, "said", attrs))
    return out
