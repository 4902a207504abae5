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
    german = False  # after „ the closing mark is “
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
        if ch in "”»" or (ch == "“" and german):
            out.append((i, i + 1, "close"))
            german = False
        elif ch in "“«„":
            german = ch == "„"
            out.append((i, i + 1, "open"))
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
                end = len(s[:a].rstrip())
                if cur is not None and end > cur:
                    in_block.append(Segment(b, cur, end, "unclosed" if cur_kind != "continued" else "continued"))
                    if cur_kind != "continued":
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
    prev_end_of: dict[int, int] = {}
    for k, seg in enumerate(segs):
        s = texts[seg.block]
        after = strip_atoms(s[seg.end:seg.end + 100])
        prev_end = prev_end_of.get(seg.block, 0)  # segments come in text order
        prev_end_of[seg.block] = seg.end
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
    clause = re.split(r"[\"“”«»„]|''", after, maxsplit=1)[0]
    if clause.rstrip().endswith(":"):
        after = ""  # "… I asked: “…”": the words after introduce the next quotation
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
    words = _clean(name).split()
    return bool(words) and words[-1] not in NOT_SPEAKERS


def _clean(name: str) -> str:
    """'Then Gromyko' -> 'Gromyko': drop sentence words caught before a name."""
    words = re.sub(r"\s+", " ", name).strip().split()
    while words and words[0] in NOT_SPEAKERS:
        words = words[1:]
    return " ".join(words)


@dataclass
class Person:
    preferred: str
    variants: list[str] = field(default_factory=list)


@dataclass
class People:
    """The speakers of a document. 'R. Kennedy' and 'Robert Kennedy', 'Mao, Zedong' and 'Mao
    Zedong', 'Chairman Mao' (when only one Mao is known) are one person each."""
    author: str | None = None
    full_names: list[str] = field(default_factory=list)  # names the page gives in full
    persons: dict[str, Person] = field(default_factory=dict)  # xml:id -> person

    @property
    def ids(self) -> dict[str, str]:
        return {pid: p.preferred for pid, p in self.persons.items()}

    @property
    def variants(self) -> dict[str, list[str]]:
        return {pid: p.variants for pid, p in self.persons.items()}

    def id_for(self, name: str) -> str:
        from .blocks import make_id
        if name == "I" and self.author:
            name = self.author
        for loose in (False, True):  # a bare surname matches only where it names one person
            hits = [pid for pid, p in self.persons.items()
                    if any(_same(name, v, loose) for v in [p.preferred] + p.variants)]
            if len(hits) == 1 or (hits and not loose):
                person = self.persons[hits[0]]
                if name != person.preferred and name not in person.variants:
                    person.variants.append(name)
                return hits[0]
        names = [n for n in [self.author or ""] + self.full_names if n]
        known = [n for n in names if _same(name, n)]
        loose = [n for n in names if _same(name, n, True)]
        if not known and len({tuple(_tokens(n)) for n in loose}) == 1:
            known = loose
        forms = list(dict.fromkeys([name] + known))
        preferred = max(forms, key=lambda n: (len(_tokens(n)), "," not in n, len(n)))
        if "," in preferred:  # catalogue form "Surname, Forenames" -> "Forenames Surname"
            sur, fore = preferred.split(",", 1)
            preferred = f"{fore.strip()} {sur.strip()}"
        pid = make_id(preferred, "per-")
        while pid in self.persons:
            pid += "-2"
        self.persons[pid] = Person(preferred, [f for f in forms if f != preferred])
        return pid


def _tokens(name: str) -> list[str]:
    return [w.strip(",.").lower() for w in name.replace(",", " ").split() if w not in TITLES and w.strip(",.")]


def _same(a: str, b: str, loose: bool = False) -> bool:
    """Do two name forms name the same person? Same words in any order, or an initial for a
    forename ('R. Kennedy' ~ 'Robert Kennedy'); ``loose`` also lets a title and surname match
    ('Chairman Mao' ~ 'Mao Zedong')."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if sorted(ta) == sorted(tb):
        return True
    if len(ta) == 1 or len(tb) == 1:
        return loose and (ta[0] in tb if len(ta) == 1 else tb[0] in ta)
    ta, tb = _reading_order(a), _reading_order(b)
    if ta[-1] != tb[-1]:
        return False
    fa, fb = ta[0], tb[0]
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def _reading_order(name: str) -> list[str]:
    if "," in name:  # "Surname, Forenames"
        sur, fore = name.split(",", 1)
        name = f"{fore} {sur}"
    return _tokens(name)


def said_spans(texts: list[str], people: People, warnings: list[str], where,
               turn_speakers: dict[int, str] | None = None) -> dict[int, list[Span]]:
    """Spans of ``said`` per block (with @who, and @next/@prev for a speech across paragraphs).
    ``turn_speakers`` names the speaker of blocks that are turns of a dialogue: there "I", or a
    quotation with nobody named beside it, is that speaker."""
    segs = segments(texts, warnings, where)
    attribute(texts, segs)
    turn_speakers = turn_speakers or {}
    prev_of = {j: k for k, seg in enumerate(segs) for j in seg.links}
    out: dict[int, list[Span]] = {}
    for k, seg in enumerate(segs):
        who = seg.who
        if seg.block in turn_speakers and who in (None, "I"):
            who = turn_speakers[seg.block]
        if who == "I" and not people.author:
            who = None
        attrs: dict[str, str] = {}
        if who:
            attrs["who"] = "#" + people.id_for(who)
        else:
            warnings.append(f"{where(seg.block)}: a quotation with no speaker named nearby; encoded as said "
                            f"without @who: add it by hand if you know the speaker")
        if seg.links or k in prev_of:
            attrs["xml:id"] = f"said{k + 1}"
        if seg.links:
            attrs["next"] = f"#said{seg.links[0] + 1}"
        if k in prev_of:
            attrs["prev"] = f"#said{prev_of[k] + 1}"
        out.setdefault(seg.block, []).append(Span(seg.start, seg.end, "said", attrs))
    return out
