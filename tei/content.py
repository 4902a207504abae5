"""Content models as small expression trees, from TEI pure-ODD ``<content>`` (and the few RELAX NG
patterns the P5 sources still use), with the algebra the schema writers need.

An expression is a tuple: ``("seq", [items], min, max)``, ``("alt", [items], min, max)``,
``("el", name, min, max)``, ``("class", name, expand, min, max)``, ``("macro", name, min, max)``,
``("data", element)``, ``("text",)``, ``("empty",)``, ``("any", min, max)``, ``("none",)``
(nothing allowed). ``max`` is None for unbounded.
"""
from __future__ import annotations

from lxml import etree

from .odd import RNG_NS, T, local

UNBOUNDED = None


def _occ(el) -> tuple[int, int | None]:
    lo = int(el.get("minOccurs", "1"))
    hi = el.get("maxOccurs", "1")
    return lo, (None if hi == "unbounded" else int(hi))


def ir(el: etree._Element | None):
    """The expression for a <content> (or any pattern) element."""
    if el is None:
        return ("empty",)
    kids = [k for k in el if isinstance(k.tag, str) and not _is_doc(k)]
    if local(el) == "content" or (el.tag == "{%s}datatype" % T[1:-1]):
        items = [ir(k) for k in kids]
        return items[0] if len(items) == 1 else ("seq", items, 1, 1) if items else ("empty",)
    name = local(el)
    rng = el.tag.startswith("{%s}" % RNG_NS)
    if rng:
        return _rng(el, name, kids)
    lo, hi = _occ(el)
    if name == "sequence":
        return ("seq", [ir(k) for k in kids], lo, hi)
    if name == "alternate":
        return ("alt", [ir(k) for k in kids], lo, hi)
    if name == "elementRef":
        return ("el", el.get("key"), lo, hi)
    if name == "classRef":
        return ("class", el.get("key"), el.get("expand", "alternate"), lo, hi)
    if name == "macroRef":
        return ("macro", el.get("key"), lo, hi)
    if name == "dataRef" or name == "valList":
        return ("data", el)
    if name == "textNode":
        return ("text",)
    if name == "empty":
        return ("empty",)
    if name == "anyElement":
        return ("any", lo, hi)
    raise ValueError(f"content element <{name}> (line {el.sourceline}) is not supported")


def _is_doc(el) -> bool:
    return local(el) in ("desc", "gloss", "remarks", "documentation") or (
        isinstance(el.tag, str) and "annotations" in el.tag)


def _rng(el, name, kids):
    items = [ir(k) for k in kids]
    if name == "ref":
        n = el.get("name")
        if n.startswith("model."):
            return ("class", n, "alternate", 1, 1)
        if n.startswith("macro."):
            return ("macro", n, 1, 1)
        return ("el", n, 1, 1)
    if name in ("group",):
        return ("seq", items, 1, 1)
    if name == "choice":
        return ("alt", items, 1, 1)
    if name == "oneOrMore":
        return ("seq", items, 1, None)
    if name == "zeroOrMore":
        return ("seq", items, 0, None)
    if name == "optional":
        return ("seq", items, 0, 1)
    if name == "text":
        return ("text",)
    if name == "empty":
        return ("empty",)
    if name in ("data", "value"):
        return ("data", el)
    raise ValueError(f"RELAX NG <{name}> in content (line {el.sourceline}) is not supported")


def with_occ(expr, lo: int, hi: int | None):
    """The expression repeated lo..hi times."""
    if (lo, hi) == (1, 1):
        return expr
    return ("seq", [expr], lo, hi)


# --- expansion to elements, for the XSD writer ---------------------------------------------

def expand(expr, cust, seen=()):
    """The expression with classes and macros replaced by their element alternatives; references
    to elements the customization does not select, and to empty classes, become ("none",)."""
    kind = expr[0]
    if kind == "el":
        if expr[1] not in cust.elements:  # not selected: an optional one is simply never there
            return ("none",) if expr[2] >= 1 else ("empty",)
        return expr
    if kind == "class":
        _, name, how, lo, hi = expr
        members = cust.members(name)
        if not members:
            return ("none",) if lo >= 1 else ("empty",)
        refs = [("el", m, 1, 1) for m in members]
        if how == "alternate":
            body = ("alt", refs, 1, 1)
        elif how == "sequence":
            body = ("seq", refs, 1, 1)
        elif how == "sequenceOptional":
            body = ("seq", [("el", m, 0, 1) for m in members], 1, 1)
        elif how == "sequenceRepeatable":
            body = ("seq", [("el", m, 1, None) for m in members], 1, 1)
        else:  # sequenceOptionalRepeatable
            body = ("seq", [("el", m, 0, None) for m in members], 1, 1)
        return with_occ(body, lo, hi)
    if kind == "macro":
        _, name, lo, hi = expr
        if name in seen or name not in cust.macros:
            return ("none",) if lo >= 1 else ("empty",)
        return with_occ(expand(ir(cust.macros[name].content), cust, seen + (name,)), lo, hi)
    if kind in ("seq", "alt"):
        return (kind, [expand(e, cust, seen) for e in expr[1]], expr[2], expr[3])
    return expr


def simplify(expr):
    """Remove ("none",) and ("empty",) where the algebra allows."""
    kind = expr[0]
    if kind not in ("seq", "alt", "el", "any"):
        return expr
    if kind in ("el", "any"):
        return expr
    _, items, lo, hi = expr
    items = [simplify(e) for e in items]
    if kind == "alt":
        items = [e for e in items if e[0] != "none"]
        if not items:
            return ("empty",) if lo == 0 else ("none",)
    else:
        if any(e[0] == "none" for e in items):
            return ("empty",) if lo == 0 else ("none",)
        items = [e for e in items if e[0] != "empty"]
        if not items:
            return ("empty",)
    if len(items) == 1 and (lo, hi) == (1, 1):
        return items[0]
    return (kind, items, lo, hi)


def names(expr) -> set[str]:
    if expr[0] == "el":
        return {expr[1]}
    if expr[0] in ("seq", "alt"):
        return set().union(*[names(e) for e in expr[1]]) if expr[1] else set()
    return set()


def has(expr, kind: str) -> bool:
    if expr[0] == kind:
        return True
    return expr[0] in ("seq", "alt") and any(has(e, kind) for e in expr[1])


def regex(expr) -> str:
    """A regular expression over 'name,' tokens accepting the child sequences the model allows."""
    kind = expr[0]
    if kind == "el":
        return _rep(f"{expr[1]},", expr[2], expr[3], atom=True)
    if kind in ("text", "empty"):
        return ""
    if kind == "none":
        return "[^\\s\\S]"  # matches nothing
    if kind == "seq":
        inner = "".join(regex(e) for e in expr[1])
        return _rep(inner, expr[2], expr[3])
    if kind == "alt":
        parts = [regex(e) for e in expr[1]]
        inner = "(" + "|".join(parts) + ")"
        return _rep(inner, expr[2], expr[3], atom=True)
    raise ValueError(kind)


def _rep(inner: str, lo: int, hi: int | None, atom: bool = False) -> str:
    if (lo, hi) == (1, 1):
        return inner
    if not inner:
        return ""
    group = inner if atom and inner.startswith("(") and inner.endswith(")") and _balanced(inner[1:-1]) \
        else f"({inner})"
    if (lo, hi) == (0, None):
        return group + "*"
    if (lo, hi) == (1, None):
        return group + "+"
    if (lo, hi) == (0, 1):
        return group + "?"
    return group + "{%d,%s}" % (lo, "" if hi is None else hi)


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def is_free_choice(expr) -> bool:
    """Is the model (a | b | text)*: these children in any order, any number (no assertion needed)?"""
    if expr[0] in ("text", "empty"):
        return True
    if expr[0] == "el":
        return (expr[2], expr[3]) == (0, None)
    if expr[0] in ("seq", "alt") and (expr[2], expr[3]) == (0, None):
        if expr[0] == "seq" and len(expr[1]) != 1:
            return False
        return all(_free_item(e) for e in expr[1])
    return False


STAR_SAFE = ((1, 1), (0, 1), (0, None), (1, None))  # x{m,n} inside a star is x* for these


def _free_item(e) -> bool:
    if e[0] == "text":
        return True
    if e[0] == "el":
        return (e[2], e[3]) in STAR_SAFE
    if e[0] in ("alt", "seq") and (e[2], e[3]) in STAR_SAFE:
        return (e[0] == "alt" or len(e[1]) == 1) and all(_free_item(x) for x in e[1])
    return False
