"""``tei validate``: every check on every file, one line per problem, each one an editor can act on.

For each file, in order: well-formedness (and the refusal of DTDs and entities), RELAX NG (lxml),
Schematron (XPath 2, run by Saxon), XSD 1.1 (xmlschema), and pointers into other files. libxml2's
RELAX NG messages often name the wrong thing (``Element correspAction has extra content: date``
when the fault is an attribute value of ``date``): where the XSD, the second engine, finds the
fault inside the element libxml2 blames, its line and reason are reported instead; other libxml2
messages are rewritten to say what was found, what was expected and where.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from .convert import collect
from .xmlsafe import NSMAP, TEI_NS, UnsafeXML, parse, parse_bytes, xinclude

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
POINTER_ATTS = ("ref", "corresp", "who", "target", "next", "prev", "source", "sameAs")


@dataclass(order=True)
class Problem:
    path: str
    line: int
    col: int
    severity: str
    rule: str
    message: str


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def elem_path(el) -> str:
    """A readable path: /TEI/text/body/div[1]/p[3]."""
    parts = []
    while el is not None and isinstance(el.tag, str):
        parent = el.getparent()
        name = local(el)
        if parent is not None:
            same = [c for c in parent if isinstance(c.tag, str) and c.tag == el.tag]
            parts.append(f"{name}[{same.index(el) + 1}]" if len(same) > 1 else name)
        else:
            parts.append(name)
        el = parent
    return "/" + "/".join(reversed(parts))


class Validator:
    def __init__(self, schemas: Path = SCHEMAS, name: str = "diplomatic", xinclude_root: Path | None = None) -> None:
        self.schemas = schemas
        self.name = name
        self.xinclude_root = xinclude_root  # XInclude is off unless a folder to confine it to is given
        for ext in ("rng", "sch", "xsd"):
            if not (schemas / f"{name}.{ext}").exists():
                raise FileNotFoundError(f"{schemas / (name + '.' + ext)} is missing: run `make schema`")

    @cached_property
    def rng(self) -> etree.RelaxNG:
        return etree.RelaxNG(parse(self.schemas / f"{self.name}.rng"))

    @cached_property
    def vocab(self) -> dict[str, dict[str, list[str] | None]]:
        """element -> attribute -> closed values (or None), read from the compiled RNG."""
        g = parse(self.schemas / f"{self.name}.rng").getroot()
        ns = {"r": "http://relaxng.org/ns/structure/1.0"}
        out: dict[str, dict] = {}
        for el in g.iterfind(".//r:define/r:element", ns):
            atts = {}
            for at in el.iterfind(".//r:attribute", ns):
                name = ("xml:" if at.get("ns") else "") + at.get("name", "")
                values = [v.text for v in at.iterfind("r:choice/r:value", ns)]
                atts[name] = values or None
            out[el.get("name")] = atts
        return out

    @cached_property
    def schematron(self):
        from .schematron import Schematron
        return Schematron(self.schemas / f"{self.name}.sch")

    @cached_property
    def xsd(self):
        """The XSD 1.1 schema. Building it takes seconds (xmlschema prepares each assertion), so
        the built schema is kept in build/cache, keyed by the schema files' hash."""
        import hashlib
        import pickle

        import xmlschema
        files = sorted(self.schemas.glob(f"{self.name}*.xsd"))
        key = hashlib.sha256(b"".join(f.read_bytes() for f in files) + xmlschema.__version__.encode()).hexdigest()
        cache = ROOT / "build" / "cache" / f"{self.name}-xsd-{key[:16]}.pickle"
        if cache.exists():
            try:
                return pickle.loads(cache.read_bytes())
            except Exception:  # a stale or broken cache: build again
                pass
        schema = xmlschema.XMLSchema11(str(self.schemas / f"{self.name}.xsd"))
        try:
            from .convert import atomic_write
            atomic_write(cache, pickle.dumps(schema))
        except OSError:
            pass  # a read-only checkout: no cache, just slower
        return schema

    # --- one file ---------------------------------------------------------------------------
    def file(self, path: Path) -> list[Problem]:
        """Every problem of one file. Whatever the input, this returns problems, never raises."""
        try:
            found = self._file(path)
            for pr in found:  # a line and a message, always
                pr.line = max(1, pr.line or 1)
                pr.col = max(0, pr.col or 0)
                pr.message = pr.message or f"a {pr.rule} problem (no detail given by the checker)"
            return found
        except Exception as e:  # a file odd enough to break a check: say so, and go on
            return [Problem(str(path), 1, 0, "error", "unreadable",
                            f"this file could not be checked ({type(e).__name__}: {str(e)[:160]}): "
                            f"make it well-formed TEI")]

    def _file(self, path: Path) -> list[Problem]:
        p = str(path)
        try:
            data = path.read_bytes()
        except OSError as e:
            return [Problem(p, 1, 0, "error", "io", f"cannot read the file: {e.strerror}")]
        try:
            tree = parse_bytes(data, p)
        except etree.XMLSyntaxError as e:
            line, col = e.position if e.position else (1, 0)
            return [Problem(p, line or 1, col or 0, "error", "wellformed",
                            f"not well-formed XML: {_clean_libxml(e.msg)}: fix the markup here")]
        except UnsafeXML as e:
            return [Problem(p, 1, 0, "error", "unsafe-xml", str(e).split(": ", 1)[-1])]
        included = []
        if self.xinclude_root is not None:
            included = [Problem(p, 1, 0, "error", "xinclude", m) for m in xinclude(tree, self.xinclude_root)]
            data = etree.tostring(tree, encoding="UTF-8")
            tree = parse_bytes(data, p)  # line numbers now count in the expanded document
        root = tree.getroot()
        if root.tag != "{%s}TEI" % TEI_NS:
            ns, _, name = str(root.tag).lstrip("{").rpartition("}") if "}" in str(root.tag) else ("", "", root.tag)
            return [Problem(p, root.sourceline or 1, 0, "error", "root",
                            f"the root element is <{name}> (namespace {ns or 'none'}); a file of the "
                            f"edition is <TEI xmlns=\"{TEI_NS}\">")]
        problems = included + self.structure(p, tree)
        problems += self.rules(p, tree, data, path)
        problems += self.pointers(p, tree, path)
        return problems

    def structure(self, p: str, tree) -> list[Problem]:
        """RELAX NG, with the XSD as the second opinion that puts line and cause right."""
        ok = self.rng.validate(tree)
        xsd_errors = list(self.xsd.iter_errors(tree))
        if ok:  # the XSD should agree; where it does not, it names the element and the cause
            return [self._xsd_problem(p, e, tree) for e in xsd_errors]
        out: list[Problem] = []
        used: set[int] = set()
        for err in self.rng.error_log:
            el = _at(tree, err.path)
            if _vague(err.message) and el is not None:
                found = self._order(p, el)
                if found is not None:
                    out.append(found)
                    continue
            span = _span(el) if el is not None else (err.line, err.line)
            inside = [k for k, e in enumerate(xsd_errors) if span[0] <= (e.sourceline or 0) <= span[1]
                      and k not in used]
            if inside and _vague(err.message):
                for k in inside:
                    used.add(k)
                    out.append(self._xsd_problem(p, xsd_errors[k], tree))
                continue
            out.append(Problem(p, err.line, err.column, "error", "rng", self._explain(err, el)))
        return _dedupe(out)

    @cached_property
    def models(self) -> dict[str, re.Pattern]:
        """element -> the regular expression its children must match (from the XSD's assertions)."""
        g = parse(self.schemas / f"{self.name}.xsd").getroot()
        out = {}
        for ct in g.iterfind("{http://www.w3.org/2001/XMLSchema}complexType"):
            a = ct.find("{http://www.w3.org/2001/XMLSchema}assert")
            if a is not None:
                m = re.search(r"'\^(.*)\$'\)$", a.get("test"))
                if m:
                    out[ct.get("name").removesuffix(".type")] = re.compile(m.group(1))
        return out

    def _order(self, p: str, blamed) -> Problem | None:
        """Where libxml2 only says 'did not expect …', find the simplest repair of the children of
        the element (or of its parent) against the content model, and say that."""
        for el in (blamed, blamed.getparent()):
            if el is None or local(el) not in self.models:
                continue
            rx = self.models[local(el)]
            kids = [c for c in el if isinstance(c.tag, str) and c.tag.startswith("{%s}" % TEI_NS)]
            names = [local(c) for c in kids]
            if rx.fullmatch("".join(n + "," for n in names)):
                continue
            return _repair(p, el, kids, names, rx, sorted(self.vocab))
        return None

    def _xsd_problem(self, p: str, e, tree) -> Problem:
        el = e.elem if getattr(e, "elem", None) is not None else None
        where = elem_path(el) if el is not None else (e.path or "")
        reason = e.reason or str(e)
        m = re.match(r"attribute (\S+)='(.*)': (?:invalid value|value must be one of)", reason)
        if m and el is not None:
            values = self.vocab.get(local(el), {}).get(m.group(1))
            expect = f"one of {', '.join(values)}" if values else _type_hint(e)
            msg = (f"@{m.group(1)}=\"{m.group(2)}\" on <{local(el)}> is not allowed: expected {expect}; "
                   f"fix the value ({where})")
        elif "attribute not allowed" in reason and el is not None:
            name = reason.split("'")[1] if "'" in reason else "?"
            msg = (f"<{local(el)}> has no attribute @{name}: remove it, or use one of "
                   f"{', '.join(sorted(self.vocab.get(local(el), {}))[:12])} … ({where})")
        elif "missing required attribute" in reason and el is not None:
            msg = f"<{local(el)}> needs {reason.split('missing required attribute')[-1].strip()} ({where})"
        elif "assertion test is false" in reason and el is not None:
            kids = ", ".join(f"<{local(c)}>" for c in el if isinstance(c.tag, str))
            msg = (f"the children of <{local(el)}> are not in an allowed order or number ({kids}): see the "
                   f"element's content model in the guidelines ({where})")
        else:
            msg = f"{reason} ({where})"
        return Problem(p, (el.sourceline if el is not None else None) or 1, 0, "error", "xsd", msg)

    def _explain(self, err, el) -> str:
        """libxml2's RELAX NG message, said so that it can be acted on."""
        msg = _clean_libxml(err.message)
        where = elem_path(el) if el is not None else ""
        m = re.match(r"Invalid attribute (\S+) for element (\S+)", msg)
        if m:
            att, name = m.groups()
            known = self.vocab.get(name, {})
            if att in known or f"xml:{att}" in known:
                values = known.get(att) or known.get(f"xml:{att}")
                got = el.get(att) if el is not None else None
                expect = f"one of {', '.join(values)}" if values else "a value of the attribute's datatype"
                return f"@{att}=\"{got}\" on <{name}> is not allowed: expected {expect} ({where})"
            return f"<{name}> has no attribute @{att}: remove it ({where})"
        m = re.match(r"Element (\S+) failed to validate attributes", msg)
        if m:
            return f"an attribute of <{m.group(1)}> has a wrong value or is missing ({where})"
        m = re.match(r"Element (\S+) has extra content: (\S+)", msg)
        if m:
            return f"<{m.group(2)}> is not allowed inside <{m.group(1)}> at this place: move or remove it ({where})"
        m = re.match(r"Expecting element (\S+), got (\S+)", msg)
        if m:
            return f"expected <{m.group(1)}> here, found <{m.group(2)}> ({where})"
        m = re.match(r"Did not expect element (\S+) there", msg)
        if m:
            return f"<{m.group(1)}> is not allowed here: move it or remove it ({where})"
        m = re.match(r"Expecting an element (\S+), got nothing", msg)
        if m:
            return f"<{m.group(1)}> is required here and missing: add it ({where})"
        m = re.match(r"Element (\S+) failed to validate content", msg)
        if m:
            return f"the content of <{m.group(1)}> does not match its model ({where})"
        return f"{msg} ({where})"

    def rules(self, p: str, tree, data: bytes, path: Path) -> list[Problem]:
        out = []
        # Saxon gets the document as lxml read it (lxml is more lenient, e.g. about the XML
        # declaration), re-serialized: the same tree, nothing for Saxon to fetch
        clean = etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
        try:
            findings = self.schematron.run(clean, path.resolve().as_uri())
        except Exception as e:  # saxonche reports its errors as PySaxonApiError
            return [Problem(p, 1, 0, "error", "schematron", f"the Schematron rules could not be run on this file: "
                                                           f"{' '.join(str(e).split())[:200]}")]
        for f in findings:
            line = _line_of(tree, f.path)
            severity = "warning" if f.role in ("warning", "warn", "info", "information") else "error"
            out.append(Problem(p, line, 0, severity, f.pattern, f.message))
        return out

    def pointers(self, p: str, tree, path: Path) -> list[Problem]:
        """Pointers into other files (authority records: ../authority/persons.xml#per-x)."""
        out = []
        cache: dict[Path, set[str] | None] = {}
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for att in POINTER_ATTS:
                for tok in (el.get(att) or "").split():
                    if tok.startswith("#") or re.match(r"^[a-z]+:", tok) or "#" not in tok:
                        continue
                    fname, frag = tok.split("#", 1)
                    target = (path.parent / fname).resolve()
                    if not target.exists() and fname.startswith("../authority/"):
                        target = ROOT / "corpus" / "authority" / fname.removeprefix("../authority/")  # a copy elsewhere
                    if target not in cache:
                        cache[target] = _ids(target)
                    ids = cache[target]
                    if ids is None:
                        out.append(Problem(p, el.sourceline or 1, 0, "error", "xref",
                                           f"@{att}=\"{tok}\" on <{local(el)}> points into {fname}, which does not "
                                           f"exist (or is not well-formed XML): fix the path"))
                    elif frag not in ids:
                        out.append(Problem(p, el.sourceline or 1, 0, "error", "xref",
                                           f"@{att}=\"{tok}\" on <{local(el)}>: {fname} has no xml:id \"{frag}\": "
                                           f"fix the pointer or add the record"))
        return out


def _repair(p: str, el, kids, names: list[str], rx: re.Pattern, vocab: list[str]) -> Problem | None:
    """The one-step repair (move, remove, insert a child) that makes the children match."""
    def ok(seq):
        return rx.fullmatch("".join(n + "," for n in seq)) is not None
    where = elem_path(el)
    parent = local(el)
    moves = []
    for i in range(len(names)):
        rest = names[:i] + names[i + 1:]
        for j in range(len(rest) + 1):
            if j != i and ok(rest[:j] + [names[i]] + rest[j:]):
                moves.append((i, j, rest))
    if moves:  # of equal repairs, name the child that stands latest: the one that was displaced
        i, j, rest = max(moves, key=lambda m: m[0])
        target = f"before <{rest[j]}>" if j < len(rest) else "at the end"
        return Problem(p, kids[i].sourceline or 1, 0, "error", "rng",
                       f"<{names[i]}> is out of place inside <{parent}>: move it {target} ({elem_path(kids[i])})")
    for i, kid in enumerate(kids):  # a child that has no place here: remove it
        if ok(names[:i] + names[i + 1:]):
            return Problem(p, kid.sourceline or 1, 0, "error", "rng",
                           f"<{names[i]}> is not allowed at this place inside <{parent}>: remove it or move it "
                           f"({elem_path(kid)})")
    for j in range(len(names) + 1):  # a required child is missing: insert it
        fits = [n for n in vocab if ok(names[:j] + [n] + names[j:])]
        if fits:
            n = next((f for f in fits if f != parent), fits[0])
            at = f"before <{names[j]}>" if j < len(names) else "at the end"
            return Problem(p, el.sourceline or 1, 0, "error", "rng",
                           f"<{parent}> is missing a required <{n}> ({at}): add it ({where})")
    return None


def _ids(path: Path) -> set[str] | None:
    try:
        tree = parse_bytes(path.read_bytes(), str(path))
    except (OSError, etree.XMLSyntaxError, UnsafeXML):
        return None
    return {v for v in tree.getroot().xpath("//@xml:id")}


def _at(tree, xpath: str | None):
    if not xpath:
        return None
    try:
        found = tree.xpath(xpath)
    except etree.XPathError:
        return None
    return found[0] if found and isinstance(found[0], etree._Element) else None


def _span(el) -> tuple[int, int]:
    last = el
    for d in el.iter():
        last = d
    return (el.sourceline or 0, (last.sourceline or 0) + (last.text or "").count("\n") + (last.tail or "").count("\n"))


def _vague(message: str) -> bool:
    return any(s in message for s in ("extra content", "failed to validate content", "failed to validate attributes",
                                      "Did not expect element", "Expecting element", "Invalid sequence",
                                      "Expecting an element"))


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for pr in problems:
        key = (pr.line, pr.rule, pr.message)
        if key not in seen:
            seen.add(key)
            out.append(pr)
    return out


def _type_hint(e) -> str:
    v = getattr(e, "validator", None)
    name = getattr(v, "name", None) or getattr(getattr(v, "type", None), "name", None)
    if name and "temporal" in str(name):
        return "an ISO date or time (YYYY, YYYY-MM, YYYY-MM-DD, or a dateTime)"
    return f"a value of type {name}" if name else "a valid value"


def _line_of(tree, saxon_path: str) -> int:
    from .schematron import lxml_path
    p = lxml_path(saxon_path or "")
    p = re.sub(r"/(@[^/]+|text\(\)(\[\d+\])?|comment\(\)(\[\d+\])?)$", "", p) or "/*"
    try:
        found = tree.getroot().getroottree().xpath(p, namespaces={**NSMAP, "xml": "http://www.w3.org/XML/1998/namespace"})
    except etree.XPathError:
        return 1
    el = found[0] if found else None
    return (el.sourceline if isinstance(el, etree._Element) else None) or 1


def _clean_libxml(msg: str) -> str:
    return re.sub(r"\s+", " ", msg).strip()


# --- many files -------------------------------------------------------------------------------

def validate_paths(paths: list[Path], validator: Validator | None = None,
                   xinclude_root: Path | None = None) -> tuple[list[Problem], int]:
    files = collect(paths, "*.xml")
    v = validator or Validator(xinclude_root=xinclude_root)
    problems: list[Problem] = []
    for f in files:
        problems += v.file(f)
    return sorted(problems), len(files)


def report(problems: list[Problem], n_files: int, fmt: str = "text") -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if fmt == "json":
        return json.dumps({"files": n_files, "errors": errors, "warnings": warnings,
                           "problems": [asdict(p) for p in problems]}, indent=2) + "\n"
    lines = []
    for p in problems:
        if fmt == "github":
            msg = p.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            lines.append(f"::{p.severity} file={p.path},line={p.line},col={p.col},title={p.rule}::{msg}")
        else:
            lines.append(f"{p.path}:{p.line}:{p.col}: {p.severity} [{p.rule}] {p.message}")
    lines.append(f"{n_files} file(s) checked: {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines) + "\n"
