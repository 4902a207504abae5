"""Footnote markers: which digits in a transcript are footnote markers, decided as a sequence.

On a FRUS page a marker is a number printed in superscript; copied as text it glues to the word
or punctuation before it (``yesterday2``, ``1801,3``), or to a number (``17975`` is telegram 1797
with footnote 5), or stands apart (``Union 1``). Digits alone cannot tell a marker from a
telegram number (``Dulte 4.``) or a date; the sequence can: markers run m, m+1, m+2 … in
reading order, one per item of the footnote list. So every place that *could* hold a marker is a
candidate, and a greedy walk picks, for each possible first marker m, the candidates that continue
the sequence. The start m that places the most markers wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .inline import Atoms

MONTHS = ("January February March April May June July August September October November December "
          "Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct. Nov. Dec.").split()
# Words after which a bare number is a reference, never a footnote marker.
REFERENCE_WORDS = set(
    """Dulte Tedul Secto Tosec Polto Topol Delga Gadel Deptel Embtel Depcirtel Circular Niact Toden Dento
    Document Documents document documents telegram telegrams Telegram No. Nos. no. nos. number Number
    page pages Page p. pp. paragraph paragraphs para paras Paragraph section Section Article article
    Articles Chapter chapter point Point item Item Lot lot volume Volume vol. Vol. Annex annex Tab tab
    footnote Footnote footnotes note Note notes Resolution resolution Res. Res Memo Part part Point
    Points points Room room Box box Folder folder File file Series series Appendix appendix
    and or to of through Nr. No Number: Tel. tel. Despatch despatch Airgram airgram
    A- CA- G- Group group NSAM NSC Public Law Law""".split()
)

GLUED_AFTER = set(".,;:)]”’\"'!?") | {"—"}


@dataclass
class Candidate:
    block: int
    start: int
    end: int
    value: int
    strength: str  # "glued" | "line" | "bracketed" | "space" | "split"

    @property
    def strong(self) -> bool:
        return self.strength in ("glued", "line", "bracketed")

    @property
    def bracketed(self) -> bool:
        return self.strength == "bracketed"


def _prev_word(s: str, i: int) -> str:
    m = re.search(r"(\S+)\s*$", s[:i])
    return m.group(1) if m else ""


def _plausible_year(run: str) -> bool:
    return len(run) == 4 and run[:2] in ("18", "19", "20")


def _ends_ok(s: str, j: int) -> bool:
    """A marker is followed by space, the end, an atom, or closing punctuation."""
    if j >= len(s):
        return True
    c = s[j]
    return c.isspace() or Atoms.is_atom(c) or c in ".,;:)”’\"—"


def candidates(block_index: int, s: str, atoms: Atoms | None = None) -> list[Candidate]:
    """Every place in s that could hold a footnote marker. With ``atoms``, an editorial bracket
    holding only a number (``[1]``, Wilson Center pages) is a candidate too."""
    out: list[Candidate] = []
    if atoms is not None:
        for i, ch in enumerate(s):
            if Atoms.is_atom(ch):
                node = atoms.get(ch)
                if node.tag == "supplied" and len(node.children) == 1 and str(node.children[0]).isdigit():
                    out.append(Candidate(block_index, i, i + 1, int(node.children[0]), "bracketed"))
    if re.fullmatch(r"\s*\d{1,3}\s*", strip_for_line(s)) and not s.strip().startswith("["):
        m = re.search(r"\d+", s)
        out.append(Candidate(block_index, m.start(), m.end(), int(m.group()), "line"))
        return out
    out += _digit_candidates(block_index, s)
    return sorted(out, key=lambda c: (c.start, -c.end))


def _digit_candidates(block_index: int, s: str) -> list[Candidate]:
    out: list[Candidate] = []
    for m in re.finditer(r"\d+", s):
        run, i, j = m.group(), m.start(), m.end()
        before = s[i - 1] if i else ""
        if not _ends_ok(s, j) or re.match(r"[:.]\d", s[j:j + 2]) or (len(run) > 1 and run[0] == "0"):
            continue  # a time (03:10), a decimal, a number with a leading zero: never a marker
        if j < len(s) and s[j] in ".," and j + 1 < len(s) and s[j + 1].isdigit():
            continue  # 1,000 or 5.3
        two_back = s[i - 2] if i >= 2 else ""
        if before == ":" and two_back.isdigit():
            continue  # 21:00
        if before == "." and two_back.isdigit() and (
                re.match(r"\.\d", s[j:j + 2]) or (re.search(r"(?:^|\D)\d{1,2}\.$", s[max(0, i - 4):i])
                                                  and not DAY_END_RE.search(_plain(s[max(0, i - 40):i]))
                                                  and not REF_NUMBER_END_RE.search(_plain(s[max(0, i - 40):i])))):
            continue  # 12.11.1962, 5.3 (but "of April 18.1" and "in 1961.2" end with a marker)
        if before == "," and two_back.isdigit() and len(run) == 3:
            continue  # 1,000
        if before and (before.isalpha() or before in GLUED_AFTER or Atoms.is_atom(before)):
            if before.isalpha() and len(run) > 3:
                continue
            # "Mr.5" is fine, "p.m.7" too; but "A-3" never reaches here (hyphen)
            if len(run) <= 3:
                out.append(Candidate(block_index, i, j, int(run), "glued"))
            continue
        if before and not before.isspace():
            continue  # after a hyphen, a slash, a bracket: part of a code or a number
        if not strip_for_line(s[:i]).strip():
            continue  # a number opening the block is a telegram or paragraph number
        # a number standing alone: a marker only where nothing makes it a reference
        prev = _prev_word(s, i)
        if len(run) <= 3 and prev and not _is_reference(prev, s[:i], s[j:j + 12]):
            out.append(Candidate(block_index, i, j, int(run), "space"))
        # a marker glued to a number: 17975 is 1797 + 5 (never a day, a year, a time, a reference)
        if (len(run) >= 2 and not _plausible_year(run) and not re.match(r"\s*[-–/]|:\d", s[j:j + 2])
                and prev.rstrip(",.") not in MONTHS and (block_index == 0 or not _is_reference(prev, "", ""))):
            for k in (1, 2):
                if len(run) > k and not (k == 2 and run[-2] == "0"):
                    out.append(Candidate(block_index, j - k, j, int(run[-k:]), "split"))
    return out


def _plain(s: str) -> str:
    """Text without atoms (a page break inside a date is not part of it), spaces folded."""
    return re.sub(r"\s+", " ", strip_for_line(s))


def strip_for_line(s: str) -> str:
    return "".join(c for c in s if not Atoms.is_atom(c))


def _is_reference(prev: str, before: str, rest: str) -> bool:
    """Is a bare number after the word ``prev`` a reference (a telegram, page, count), not a marker?"""
    if prev in REFERENCE_WORDS or prev.rstrip(".,:") in REFERENCE_WORDS or prev in MONTHS:
        return True  # "Dulte 4", "Document 12", "July 4" (but "in July, 3" may be a marker)
    if re.fullmatch(r"\d{1,3}", prev) and not rest.strip() and re.search(r"[^\W\d]\s+\d{1,3}\s*$", before):
        return False  # the second marker on a heading: "… Nixon 1 2"
    if re.fullmatch(r"[\d.,:;/–-]+", prev):  # a number before a number: a list of numbers ...
        # ... unless it ends a date: "your letter of October 16 1", "of December 13, 1961, 1"
        return not DATE_END_RE.search(_plain(before))
    if re.fullmatch(r"[A-Z]{1,3}-?", prev):  # codes such as "D 163", "A 12"
        return True
    if re.match(r"\s*(\[|%|percent|per\b|a\.m\.|p\.m\.|o’clock|o'clock|hours|minutes|days|years|months|"
                r"weeks|miles|km|kilometers|million|billion|thousand|times|[-–/])", rest):
        return True
    return False


REF_NUMBER_END_RE = re.compile(r"\b(?:Dulte|Tedul|Secto|Tosec|Deptel|Embtel|Document|telegram|Telegram|No\.)\s+\d{1,4}\.$")
DAY_END_RE = re.compile(rf"(?:{'|'.join(map(re.escape, MONTHS))})\s+\d{{1,2}}\.$")
DATE_END_RE = re.compile(rf"(?:{'|'.join(map(re.escape, MONTHS))})\s+\d{{1,2}}(?:\s*(?:,|and|–|-)\s*\d{{1,2}})*"
                         rf"(?:,?\s+\d{{4}})?,?\s*$|\b\d{{4}},?\s*$")


def choose(cands: list[Candidate], n_items: int, starts: list[int]) -> tuple[list[tuple[Candidate, int]], int]:
    """Pick the marker sequence: (candidate, list item index) pairs, and the first marker value."""
    index = GluedIndex(cands)
    best: tuple[int, int, list] | None = None
    for m0 in dict.fromkeys(starts):
        for prefer_glued in (True, False):
            chosen = walk(cands, m0, m0 + n_items - 1, prefer_glued, index)
            if best is None or len(chosen) > best[0]:
                best = (len(chosen), m0, chosen)
    if best is None:
        return [], 1
    return best[2], best[1]


def walk(cands: list[Candidate], first: int, last: int, prefer_glued: bool = True,
         index: "GluedIndex | None" = None) -> list[tuple[Candidate, int]]:
    """Greedy walk along the sequence first..last. A glued marker may skip up to two numbers (the
    skipped notes have no marker); once the walk ends with notes left, a glued marker printed
    again (FRUS pages sometimes repeat the last number) takes the next note."""
    index = index or GluedIndex(cands)
    k = first
    chosen: list[tuple[Candidate, int]] = []
    taken_end: tuple[int, int] = (-1, -1)
    for c in cands:
        if (c.block, c.start) < taken_end:
            continue
        if k > last:
            break
        ok = c.value == k or (c.strong and k < c.value <= min(k + 2, last))
        if ok and prefer_glued and not c.strong and index.glued_comes_first(c, k):
            ok = False  # a glued marker for k follows: this bare number is text
        if ok:
            chosen.append((c, c.value - first))
            taken_end = (c.block, c.end)
            k = c.value + 1
    if chosen and k <= last:
        prev = chosen[-1][0]
        for c in cands:
            if (c.block, c.start) >= taken_end and c.strong and c.value == prev.value:
                chosen.append((c, k - first))
                break
    return chosen


class GluedIndex:
    """Where the glued (strong) candidates of each value are, for quick look-ahead."""

    def __init__(self, cands: list[Candidate]) -> None:
        self.by_value: dict[int, list[tuple[int, int]]] = {}
        for c in cands:
            if c.strong:
                self.by_value.setdefault(c.value, []).append((c.block, c.start))

    def first_after(self, value: int, pos: tuple[int, int]) -> tuple[int, int] | None:
        import bisect
        lst = self.by_value.get(value)
        if not lst:
            return None
        i = bisect.bisect_right(lst, pos)
        return lst[i] if i < len(lst) else None

    def glued_comes_first(self, c: Candidate, k: int) -> bool:
        """Is there a glued candidate for k after c, before any glued one for k+1 or k+2?"""
        pos = (c.block, c.start)
        here = self.first_after(k, pos)
        if here is None:
            return False
        later = [p for p in (self.first_after(k + 1, pos), self.first_after(k + 2, pos)) if p is not None]
        return not later or here < min(later)
