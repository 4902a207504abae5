"""Recognisers for the blocks of a letter or telegram: datelines, salutations, signatures.

Each function looks at one block's text (atoms already swapped in) and says what it is, or
returns None. They are shared by the FRUS and Wilson Center readers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .inline import Atoms, strip_atoms
from .model import Node

@dataclass
class Block:
    """One block of a transcript: usually one line (one paragraph on the page)."""
    text: str  # protected text (atoms swapped in)
    line: int  # 1-based line number in the transcript
    raw: str  # the line as in the transcript (for indentation)


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
           r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
DATE_RE = re.compile(rf"(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:,\s*|\s+)(?P<year>\d{{4}})")
DATE_DMY_RE = re.compile(rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_RE})\s+(?P<year>\d{{4}})")
DATELINE_RE = re.compile(
    rf"^(?:(?P<place>[A-Z\[][^,\d\n]{{1,40}}?),\s*)?(?P<date>{MONTH_RE}\s+\d{{1,2}},\s*\d{{4}})(?P<rest>[^\n]{{0,40}})$"
)
SALUTE_RE = re.compile(
    r"^(?P<salute>(?:My )?Dear [^:,\n]{1,60}[:,]|(?:Mr\.|Madam|Madame)\s?(?:President|Chairman|Prime Minister|"
    r"Secretary|Ambassador|Minister|Premier|Foreign Minister)[:,]|(?:Your )?Excellency[:,]|"
    r"Esteemed [^:,\n]{1,50}[:,]|Sir[:,]|Gentlemen[:,])(?=\s|$)"
)
CLOSING_SALUTE_RE = re.compile(
    r"^(?:(?:Very )?(?:Sincerely|Faithfully|Respectfully|Cordially|Truly)(?: yours)?|Yours (?:sincerely|faithfully|"
    r"truly|very truly)|With (?:best|warm|kind)(?:est)? (?:wishes|regards)|Best (?:wishes|regards)|"
    r"With respect|Respectfully submitted|Accept[^\n]{0,60})[,.]?$",
    re.I,
)
CLASSIFICATION_RE = re.compile(
    r"^(?:top secret|secret|confidential|restricted|unclassified|limited official use|official use only|"
    r"personal and confidential|eyes only|top secret[;,]? (?:eyes only|priority|niact|nodis|exdis)|"
    r"secret[;,]? (?:priority|niact|nodis|exdis|eyes only))[.;]?$",
    re.I,
)
FILE_LINE_RE = re.compile(r"^(?:\d{3}(?:\.\d+)*[A-Z]?/[\w–\-./ ]+|[A-Z][\w ]+ Files?[^:]{0,60}):\s*[A-Z][\w ]{2,40}$")


def iso_date(text: str) -> str | None:
    m = DATE_RE.search(text) or DATE_DMY_RE.search(text)
    if not m:
        return None
    month = m.group("month").rstrip(".")
    idx = next((i for i, name in enumerate(MONTH_NAMES) if name.startswith(month[:3])), None)
    if idx is None:
        return None
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    return f"{int(m.group('year')):04d}-{idx + 1:02d}-{day:02d}"


def dateline_node(s: str) -> Node | None:
    """``Moscow, June 6, 1967, 5:34 a.m.`` as a dateline with placeName and date, or None."""
    plain = strip_atoms(s).strip()
    if len(plain) > 90:
        return None
    lead = len(s) - len(s.lstrip())
    body = s.strip()
    m = DATELINE_RE.match(body)
    if not m or "." in (m.group("place") or "").replace("St.", "").replace("D.C.", "").replace("U.S.", ""):
        return None
    when = iso_date(m.group("date"))
    if not when:
        return None
    node = Node("dateline")
    if lead:
        node.append(s[:lead])
    if m.group("place"):
        node.append(Node("placeName", {}, [m.group("place")]))
        node.append(body[m.end("place"):m.start("date")])
    dtg = re.search(r"\b([01]\d|2[0-3])([0-5]\d)Z\b", m.group("rest") or "")
    if dtg:  # a telegram's date-time group, in UTC
        when += f"T{dtg.group(1)}:{dtg.group(2)}:00Z"
    node.append(Node("date", {"when": when}, [m.group("date")]))
    if m.group("rest"):
        node.append(m.group("rest"))
    return node


def is_signature(s: str) -> bool:
    """A short line that is a name: ``Dulles``, ``John F. Kennedy``, ``N. Khrushchev``."""
    plain = strip_atoms(s).strip()
    if not plain or len(plain) > 45 or plain.endswith((":", ",", ";")):
        return False
    words = plain.split()
    if len(words) > 5:
        return False
    for w in words:
        if not (re.fullmatch(r"[A-Z][\w’'\-]*\.?", w) or re.fullmatch(r"(?:[A-Z]\.)+", w)
                or w in {"de", "von", "van", "der", "la", "Jr.", "Sr."}):
            return False
    if plain.endswith(".") and not re.search(r"(?:\b[A-Z]\.|Jr\.|Sr\.)$", plain):
        return False
    return True


def only_atoms(s: str) -> bool:
    return bool(s.strip()) and not strip_atoms(s).strip()


GLOBAL_TAGS = {"pb", "note", "anchor", "gap", "lb"}  # TEI model.global: allowed between blocks


def only_global_atoms(s: str, atoms: Atoms) -> bool:
    """A block holding one page break, note, anchor or gap: it stands between blocks. (Several on
    one line stay together in a paragraph, as glued as they were.)"""
    return only_atoms(s) and len(s.strip()) == 1 and atoms.get(s.strip()).tag in GLOBAL_TAGS


def make_id(name: str, prefix: str = "") -> str:
    """A readable NCName from a name: 'R. Kennedy' -> 'r-kennedy'."""
    import unicodedata
    base = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", base).strip("-") or "x"
    if prefix or not base[0].isalpha():
        base = (prefix or "x-") + base
    return base


__all__ = ["Atoms", "iso_date", "dateline_node", "is_signature", "only_atoms", "make_id",
           "SALUTE_RE", "CLOSING_SALUTE_RE", "CLASSIFICATION_RE", "FILE_LINE_RE"]
