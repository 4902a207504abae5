"""Inline content of a block: page breaks, editorial brackets, omissions, quotations.

Readers work on a block's text as a string. Things already recognised (a ``[Page 12]``, an
editorial bracket, a footnote marker) are swapped for one private-use character, an *atom*, that
stands for a finished :class:`Node`. Later passes (footnote markers, quotations) then see a plain
string in which such things cannot be mistaken for text, and :func:`build` turns the string, its
atoms and the spans found on it into model children.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Child, Node

ATOM_BASE = 0xF0000  # Supplementary Private Use Area-A: never in a real transcript
ATOM_MAX = 0xFFFFD


class Atoms:
    """A registry of finished nodes, each standing in a string as one private-use character."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []

    def put(self, node: Node) -> str:
        code = ATOM_BASE + len(self.nodes)
        if code > ATOM_MAX:
            raise ValueError("too many inline elements in one transcript")
        self.nodes.append(node)
        return chr(code)

    @staticmethod
    def is_atom(ch: str) -> bool:
        return ATOM_BASE <= ord(ch) <= ATOM_MAX

    def get(self, ch: str) -> Node:
        return self.nodes[ord(ch) - ATOM_BASE]


def strip_atoms(s: str) -> str:
    return "".join(c for c in s if not Atoms.is_atom(c))


# --- page breaks, brackets, omissions -------------------------------------------------------

PAGE_RE = re.compile(r"\[Page\s+([0-9IVXLCDMivxlcdm]+[A-Za-z]?)\]")
# bracket contents never hold an atom (a page break inside brackets stays a page break)
BRACKET_RE = re.compile("\\[([^\\[\\]\n\U000F0000-\U000FFFFD]{1,400})\\]")
DOUBLE_BRACKET_RE = re.compile("\\[\\[([^\\[\\]\n\U000F0000-\U000FFFFD]{1,400})\\]\\]")
ELLIPSIS_RE = re.compile(r"\.\s\.\s\.(?:\s\.)?|\.\.\.\.?|…")
ELLIPSIS_REND = {"…": "ellipsis", "...": "dots", "....": "dots4", ". . .": "spaced-dots", ". . . .": "spaced-dots4"}
REND_ELLIPSIS = {v: k for k, v in ELLIPSIS_REND.items()}

GAP_WORDS = re.compile(
    r"omit|omission|not declassified|illegible|not printed|here follows?|blank|deleted|excised|"
    r"^\s*(…|\.\s?\.\s?\.)\s*$",
    re.I,
)


def gap_reason(content: str) -> str:
    c = content.lower()
    if "declassif" in c:
        return "declassification"
    if "illegible" in c:
        return "illegible"
    if "blank" in c:
        return "blank"
    return "omitted"


LABELLED_RE = re.compile(r"^(?P<label>(?:[\w-]+ ){0,2}(?P<kind>handwritten|handwriting|stamp|seal|signature|"
                         r"written|typed|crossed out|underlined|margin|marginal note|note|illegible)[^:]{0,20}:)\s*"
                         r"(?P<text>.*)$", re.I)


def bracket_node(content: str) -> Node:
    """An editorial bracket, by what it says: an omission, an editor's remark, a labelled addition
    (``[handwritten: …]``, ``[faded stamp: …]``), or supplied text."""
    lm = LABELLED_RE.match(content)
    if lm:
        kind = lm.group("kind").lower()
        label = Node("seg", {"type": "label"}, [lm.group("label")])
        rest = content[lm.end("label"):]
        if "stamp" in kind or "seal" in kind:
            return Node("stamp", {}, [label, rest])
        if kind == "illegible":
            return Node("gap", {"reason": "illegible"}, [Node("desc", {}, [content])])
        return Node("add", {"type": kind.replace(" ", "-")}, [label, rest])
    if GAP_WORDS.search(content):
        return Node("gap", {"reason": gap_reason(content)}, [Node("desc", {}, [content])])
    words = content.split()
    if content.strip().lower() in {"sic", "sic!", "translation", "etc.", "etc"} or (
        len(words) >= 4 and content[:1].isupper()
    ):
        return Node("note", {"type": "editorial", "place": "inline"}, [content])
    return Node("supplied", {"reason": "editorial"}, [content])


def _double(node: Node) -> Node:
    node.attrs["rend"] = "double-brackets"
    return node


def brackets(text: str, rend: str | None) -> str:
    """An editorial bracket's text with its brackets, as the transcript printed it."""
    return f"[[{text}]]" if rend == "double-brackets" else f"[{text}]"


def protect(s: str, atoms: Atoms, warnings: list[str] | None = None, where: str = "") -> str:
    """Swap page breaks, editorial brackets and omission marks for atoms."""
    s = PAGE_RE.sub(lambda m: atoms.put(Node("pb", {"n": m.group(1)})), s)
    if warnings is not None and "[Page" in s:
        warnings.append(f"{where}'[Page' without a page number: kept as text; add the number, e.g. [Page 12]")
    s = DOUBLE_BRACKET_RE.sub(lambda m: atoms.put(_double(bracket_node(m.group(1)))), s)
    s = BRACKET_RE.sub(lambda m: m.group(0) if m.group(1).startswith("Page")
                       else atoms.put(bracket_node(m.group(1))), s)
    s = ELLIPSIS_RE.sub(lambda m: atoms.put(Node("gap", {"reason": "omitted", "rend": ELLIPSIS_REND[m.group(0)]})), s)
    return s


# --- quotations -----------------------------------------------------------------------------

OPENERS = "“\""
CLOSERS = "”\""
SPEECH_VERBS = (
    r"said|says|say|stated|states|replied|replies|asked|asks|added|adds|declared|remarked|told|"
    r"stressed|continued|answered|observed|commented|exclaimed|noted|responded|insisted|explained|"
    r"emphasized|emphasised|interjected|retorted|concluded|began|repeated|warned|assured|"
    r"went on|pointed out|agreed|suggested|inquired|queried|objected|cried|shouted|affirmed|"
    r"underlined|underscored|recalled|wrote|reported|сказал|сказала|ответил|добавил|спросил|заявил|"
    r"подчеркнул|sagte|fragte|antwortete|erklärte|powiedział|odpowiedział"
)
SPEECH_BEFORE = re.compile(
    rf"(?:(?P<who1>(?:[A-Z][\w.’'-]*\.?\s?){{1,4}}?)\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b[^“\"”.]{{0,40}}"
    rf"|\b(?:{SPEECH_VERBS})\b(?:\s+(?P<who2>(?:[A-Z][\w.’'-]*\.?\s?){{1,4}}))?[^“\"”.]{{0,20}})[:,]?\s*$"
)
SPEECH_AFTER = re.compile(
    rf"^[,.]?\s*(?:(?:{SPEECH_VERBS})\s+(?P<who1>(?:[A-Z][\w.’'-]*\.?\s?){{1,4}})"
    rf"|(?P<who2>(?:[A-Z][\w.’'-]*\.?\s?){{1,4}}?)\s*(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b"
    rf"|(?:I|he|she|they|we)\s+(?:{SPEECH_VERBS})\b)"
)
NOT_NAMES = {"The", "This", "That", "It", "He", "She", "They", "We", "I", "But", "And", "As", "In",
             "On", "If", "When", "Then", "There", "His", "Her", "Our", "Their", "A", "An"}


@dataclass
class Span:
    start: int
    end: int  # exclusive
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)


def is_opener(s: str, i: int) -> bool:
    ch = s[i]
    if ch == "“":
        return True
    if ch != '"':
        return False
    before = s[i - 1] if i else " "
    after = s[i + 1] if i + 1 < len(s) else " "
    return (before.isspace() or before in "([—–-:" or Atoms.is_atom(before) or i == 0) and not after.isspace()


def quote_marks(s: str) -> list[tuple[int, str]]:
    """Positions of double quotation marks, each read as 'open' or 'close'."""
    out = []
    for i, ch in enumerate(s):
        if ch == "“" or (ch == '"' and is_opener(s, i)):
            out.append((i, "open"))
        elif ch in "”\"":
            out.append((i, "close"))
        elif ch == "'" and s.startswith("''", i) and (i == 0 or s[i - 1].isspace()):
            out.append((i, "open2"))  # two apostrophes typed for an opening double quote
    return [(i, "open" if k == "open2" else k) for i, k in out]


def pair_quotes(s: str) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair opening and closing marks; return pairs, unmatched opens, unmatched closes."""
    pairs, opens, closes = [], [], []
    for i, kind in quote_marks(s):
        if kind == "open":
            if opens:  # a second opener before a close: the first one was never closed
                pass
            opens.append(i)
        elif opens:
            pairs.append((opens.pop(), i + 1))
        else:
            closes.append(i)
    # keep only outermost pairs
    pairs.sort()
    outer: list[tuple[int, int]] = []
    for a, b in pairs:
        if outer and a < outer[-1][1]:
            continue
        outer.append((a, b))
    return outer, opens, closes


def clean_name(name: str | None) -> str | None:
    if not name:
        return None
    name = strip_atoms(name).strip(" ,.:")
    words = name.split()
    while words and words[0] in NOT_NAMES:
        words = words[1:]
    if not words or words[0] in NOT_NAMES:
        return None
    return " ".join(words)


def speaker_of(before: str, after: str) -> tuple[bool, str | None]:
    """Is a quotation speech (a speech verb beside it), and who speaks, if the text names them."""
    before = strip_atoms(before)[-120:]
    after = strip_atoms(after)[:80]
    m = SPEECH_BEFORE.search(before)
    if m:
        return True, clean_name(m.group("who1") or m.group("who2"))
    m = SPEECH_AFTER.match(after)
    if m:
        return True, clean_name(m.group("who1") or m.group("who2"))
    return False, None


def short_term(inner: str) -> bool:
    """A quoted term or phrase (“probes”, “negotiation.”), not a quoted sentence."""
    words = strip_atoms(inner).strip("“”\"',. ").split()
    return 0 < len(words) <= 3


def classify_quote(s: str, a: int, b: int) -> tuple[str, str | None]:
    """'said', 'quote' or 'soCalled' for the quotation s[a:b], with the speaker's name if known."""
    speech, who = speaker_of(s[:a], s[b:])
    if speech:
        return "said", who
    return ("soCalled" if short_term(s[a + 1:b - 1]) else "quote"), None


# --- building model children ---------------------------------------------------------------

def build(s: str, atoms: Atoms, spans: list[Span] | None = None) -> list[Child]:
    """Turn a string with atoms, and non-overlapping (nestable) spans on it, into children."""
    spans = sorted(spans or [], key=lambda sp: (sp.start, -sp.end))
    root = Node("_root")
    stack: list[tuple[Node, int]] = [(root, len(s))]
    buf: list[str] = []
    si = 0

    def flush():
        if buf:
            stack[-1][0].children.append("".join(buf))
            buf.clear()

    for i, ch in enumerate(s + "\0"):
        while len(stack) > 1 and stack[-1][1] <= i:
            flush()
            stack.pop()
        while si < len(spans) and spans[si].start == i:
            sp = spans[si]
            si += 1
            if sp.end > stack[-1][1]:
                continue  # would overlap its parent: keep the text, drop the span
            flush()
            node = Node(sp.tag, dict(sp.attrs))
            stack[-1][0].children.append(node)
            stack.append((node, sp.end))
        if i == len(s):
            break
        if Atoms.is_atom(ch):
            flush()
            stack[-1][0].children.append(atoms.get(ch))
        else:
            buf.append(ch)
    flush()
    return root.children
