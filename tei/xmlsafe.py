"""Parsing XML that may come from anywhere: no DTDs, no external entities, no network.

Every XML parse in the package goes through :func:`parse` or :func:`parse_bytes`, so that a
hostile file (an XXE reading /etc/passwd, a remote DTD, a "billion laughs") is refused instead of
being read. lxml's defaults already avoid the network; the parser below also refuses to resolve
entities at all and keeps libxml2's limits on (``huge_tree=False``).
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}


class UnsafeXML(ValueError):
    """The document uses a feature we refuse (a DTD with entities, an external entity)."""


def _parser(line_numbers: bool = True) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,
    )


DOCTYPE_RE = re.compile(rb"<!DOCTYPE\b(?P<rest>[^\[>]*)(?P<subset>\[.*?\])?\s*>", re.S)


def _prescan(data: bytes, name: str) -> None:
    """Refuse DTD features before libxml2 sees them: an entity bomb should not even start."""
    m = DOCTYPE_RE.search(data[:1_000_000]) if b"<!DOCTYPE" in data[:1_000_000] else None
    if m is None:
        return
    if re.search(rb"\b(SYSTEM|PUBLIC)\b", m.group("rest")):
        raise UnsafeXML(f"{name}: the document refers to an external DTD; DTDs are not loaded: "
                        f"remove the <!DOCTYPE …> line")
    if m.group("subset") and b"<!ENTITY" in m.group("subset"):
        raise UnsafeXML(f"{name}: the document declares entities in a DTD; entity declarations are refused "
                        f"(they can read files or expand without bound): remove the <!DOCTYPE …> block")


def parse_bytes(data: bytes, name: str = "<input>") -> etree._ElementTree:
    _prescan(data, name)
    root = etree.fromstring(data, parser=_parser(), base_url=name)
    tree = root.getroottree()
    _refuse_entities(tree, name)
    return tree


def parse(path: str | Path) -> etree._ElementTree:
    path = Path(path)
    return parse_bytes(path.read_bytes(), str(path))


def _refuse_entities(tree: etree._ElementTree, name: str) -> None:
    dt = tree.docinfo
    if dt.internalDTD is not None and len(list(dt.internalDTD.iterentities())):
        raise UnsafeXML(f"{name}: the document declares entities in a DTD; entity declarations are refused "
                        f"(they can read files or expand without bound): remove the <!DOCTYPE …> block")
    if dt.system_url or dt.public_id:
        raise UnsafeXML(f"{name}: the document refers to an external DTD ({dt.system_url or dt.public_id}); "
                        f"DTDs are not loaded: remove the <!DOCTYPE …> line")


XI_NS = "http://www.w3.org/2001/XInclude"


def xinclude(tree: etree._ElementTree, allowed_root: Path, depth: int = 0) -> list[str]:
    """Resolve xi:include elements, only for files inside ``allowed_root`` (parsed as safely as the
    rest). Returns messages for includes refused or failed; those elements are left in place.
    XInclude is off everywhere unless a caller asks for this."""
    problems = []
    allowed_root = allowed_root.resolve()
    base = Path(tree.docinfo.URL or ".").resolve().parent
    for inc in list(tree.getroot().iter("{%s}include" % XI_NS)):
        href = inc.get("href") or ""
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) and not href.startswith("file:"):
            problems.append(f"xi:include of {href} refused: only files inside {allowed_root} may be included")
            continue
        target = (base / href.removeprefix("file://")).resolve()
        if allowed_root not in target.parents:
            problems.append(f"xi:include of {href} refused: {target} is outside {allowed_root}")
            continue
        if depth > 10:
            problems.append(f"xi:include of {href} refused: includes nested more than 10 deep")
            continue
        try:
            sub = parse(target)
        except (OSError, etree.XMLSyntaxError, UnsafeXML) as e:
            problems.append(f"xi:include of {href} failed: {e}")
            continue
        problems += xinclude(sub, allowed_root, depth + 1)
        parent = inc.getparent()
        if parent is None:
            continue
        new = sub.getroot()
        new.tail = inc.tail
        parent.replace(inc, new)
    return problems
