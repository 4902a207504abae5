"""Parsing XML that may come from anywhere: no DTDs, no external entities, no network.

Every XML parse in the package goes through :func:`parse` or :func:`parse_bytes`, so that a
hostile file (an XXE reading /etc/passwd, a remote DTD, a "billion laughs") is refused instead of
being read. lxml's defaults already avoid the network; the parser below also refuses to resolve
entities at all and keeps libxml2's limits on (``huge_tree=False``).
"""
from __future__ import annotations

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


def parse_bytes(data: bytes, name: str = "<input>") -> etree._ElementTree:
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
