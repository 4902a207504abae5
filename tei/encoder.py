"""The one encoder: a :class:`~tei.model.Transcript` in, a TEI P5 document out.

It writes the header from the facts the reader found and the body from the reader's tree. It
decides nothing about the transcript; the readers did that.
"""
from __future__ import annotations

import hashlib
import re

from lxml import etree

from . import __version__
from .correspondence import doc_type_slug
from .model import Document, Node, Party, Transcript
from .xmlsafe import TEI_NS, XML_NS

T = "{%s}" % TEI_NS
XMLID = "{%s}id" % XML_NS
XMLLANG = "{%s}lang" % XML_NS
PUBLISHER = "Diplomatic Correspondence TEI Edition"
HASH_RE = re.compile(rb'n="sha256:[0-9a-f]{64}"')
HASH_BLANK = b'n="sha256:' + b"0" * 64 + b'"'
SCHEMA_PIS = (
    ('href="../../schemas/diplomatic.rng" type="application/xml" '
     'schematypens="http://relaxng.org/ns/structure/1.0"'),
    ('href="../../schemas/diplomatic.sch" type="application/xml" '
     'schematypens="http://purl.oclc.org/dsdl/schematron"'),
)


def file_id(stem: str) -> str:
    """TEI/@xml:id for a file: its name, made an NCName ('000_f45…' -> 'doc_000_f45…')."""
    sid = re.sub(r"[^\w.-]", "-", stem)
    return sid if re.match(r"^[A-Za-z_]", sid) else "doc_" + sid


def E(tag: str, attrs: dict | None = None, *children, text: str | None = None) -> etree._Element:
    el = etree.Element(T + tag, nsmap={None: TEI_NS})
    for k, v in (attrs or {}).items():
        if v is not None:
            el.set(_attr_name(k), v)
    if text is not None:
        el.text = text
    for c in children:
        if c is not None:
            el.append(c)
    return el


def _attr_name(k: str) -> str:
    if k == "xml:id":
        return XMLID
    if k == "xml:lang":
        return XMLLANG
    return k


def node_to_xml(node: Node) -> etree._Element:
    el = E(node.tag, node.attrs)
    last = None
    for c in node.children:
        if isinstance(c, str):
            if last is None:
                el.text = (el.text or "") + c
            else:
                last.tail = (last.tail or "") + c
        else:
            last = node_to_xml(c)
            el.append(last)
    return el


def encode(tr: Transcript, stem: str, source_path: str) -> etree._ElementTree:
    docs = tr.documents
    first = docs[0]
    root = E("TEI", {"xml:id": file_id(stem), "xml:lang": first.lang})
    root.append(_header(tr, stem, source_path))
    body = E("body", {"rend": f"footnotes-{tr.note_list_style}" if tr.note_list_style != "numbered" else None})
    for i, d in enumerate(docs):
        div = node_to_xml(d.body)
        if d.doc_type:
            div.set("subtype", doc_type_slug(d.doc_type))
        if len(docs) > 1:
            div.set(XMLID, f"doc{i + 1}")
        body.append(div)
    root.append(E("text", {}, body))
    tree = etree.ElementTree(root)
    for pi in SCHEMA_PIS:
        root.addprevious(etree.ProcessingInstruction("xml-model", pi))
    return tree


def _header(tr: Transcript, stem: str, source_path: str) -> etree._Element:
    d = tr.documents[0]
    placed = _place_pieces(d)
    title_el = placed["title"] or [E("title", {}, text=" / ".join(x.title for x in tr.documents if x.title) or stem)]
    title_stmt = E("titleStmt", {}, *title_el, *placed["funder"])
    file_desc = E(
        "fileDesc", {},
        title_stmt,
        E("publicationStmt", {},
          E("publisher", {}, text=PUBLISHER),
          E("idno", {"type": "file"}, text=stem),
          E("availability", {"status": "free"},
            E("p", {}, text="The source is a U.S. government work in the public domain; translations keep "
                            "their publishers' terms."))),
    )
    if placed["notesStmt"]:
        file_desc.append(E("notesStmt", {}, *placed["notesStmt"]))
    source_desc = E("sourceDesc", {}, *[_bibl(tr, x) for x in tr.documents])
    source_desc.extend(placed["sourceDesc"])
    file_desc.append(source_desc)
    quote_marks = any(n.tag in ("said", "quote", "q", "soCalled") for x in tr.documents for n in x.body.iter())
    encoding = E("encodingDesc", {},
                 E("editorialDecl", {},
                   E("quotation", {"marks": "all" if quote_marks else "none"},
                     E("p", {}, text="Quotation marks are kept in the text as the transcript prints them; "
                                     "renderers must not add their own around said, quote or soCalled.")),
                   E("segmentation", {},
                     E("p", {}, text="Editorial brackets are encoded as supplied, gap or an inline note; the "
                                     "brackets themselves are rendering, restored by `tei text`."))))
    profile = E("profileDesc", {})
    if placed["abstract"]:
        profile.append(E("abstract", {}, *placed["abstract"]))
    profile.append(E("langUsage", {}, E("language", {"ident": d.lang})))
    for i, x in enumerate(tr.documents):
        profile.append(_corresp(x, i, len(tr.documents)))
    speakers = {k: v for x in tr.documents for k, v in x.speakers.items()}
    if speakers:
        plist = E("listPerson", {})
        variants = {k: v for x in tr.documents for k, v in x.speaker_variants.items()}
        refs = {k: v for x in tr.documents for k, v in x.speaker_refs.items()}
        for sid, name in sorted(speakers.items()):
            person = E("person", {"xml:id": sid, "sameAs": authority_ref(refs[sid]) if sid in refs else None},
                       E("persName", {"type": "preferred"}, text=name))
            for v in variants.get(sid, []):
                person.append(E("persName", {"type": "variant"}, text=v))
            plist.append(person)
        profile.append(E("particDesc", {}, plist))
    terms = [x.doc_type for x in tr.documents if x.doc_type]
    if terms:
        profile.append(E("textClass", {}, E("keywords", {}, *[E("term", {"type": "document-type"}, text=t)
                                                              for t in dict.fromkeys(terms)])))
    revision = E("revisionDesc", {})
    revision.append(E("change", {"type": "generated", "n": "sha256:" + "0" * 64},
                      text=f"Converted from {source_path} by the {tr.source.upper()} reader of "
                           f"tei-correspondence {__version__}."))
    for line in tr.dropped_lines:
        revision.append(E("change", {"type": "dropped-line"}, text=line))
    for w in tr.warnings:
        revision.append(E("change", {"type": "conversion-warning"}, text=w))
    return E("teiHeader", {}, file_desc, encoding, profile, revision)


def _piece(tag: str, n: str | None, label: str, text: str, attrs: dict | None = None) -> etree._Element:
    """A header element holding a piece of the page's text verbatim (``@n`` gives its place)."""
    el = E(tag, dict(attrs or {}, n=n))
    if label:
        el.append(E("seg", {"type": "label"}, text=label))
        el[-1].tail = "\n" + text if text else None
    else:
        el.text = text
    return el


def _place_pieces(d: Document) -> dict[str, list]:
    """File each metadata piece of a Wilson Center page where TEI puts it."""
    out: dict[str, list] = {k: [] for k in ("title", "funder", "notesStmt", "sourceDesc", "abstract")}
    used: set[str] = set()
    for where, pieces in (("front", d.front), ("back", d.back)):
        for k, (kind, label, text) in enumerate(pieces, start=1):
            n = f"{where}-{k}"
            if kind.startswith("derived:"):
                n = None  # a copy of a field read out of a one-line block: the block itself is kept
                kind = "field:" + kind.split(":", 1)[1]
            if kind == "title":
                out["title"].append(_piece("title", n, label, text))
            elif kind == "funding":
                out["funder"].append(_piece("funder", n, label, text))
            elif kind in ("description", "field:summary"):
                if n or not out["abstract"]:
                    out["abstract"].append(_piece("p", n, label, text))
            elif kind in ("creator", "date") and kind not in used and text == (
                    d.sent.person if kind == "creator" else d.sent.date_text):
                used.add(kind)  # the first creator and date lines are the sender and the date
                if kind == "creator":
                    d.sent.person_attrs = {"n": n} if n else {}
                else:
                    d.sent.date_attrs = {"n": n} if n else {}
            elif kind in ("citation", "field:citation", "field:source", "field:original-archive", "field:rights"):
                if n:
                    out["sourceDesc"].append(_piece("bibl", n, label, text, {"type": kind.split(":")[-1]}))
            elif kind in ("commentary", "flat"):
                out["notesStmt"].append(_piece("note", n, label, text,
                                               {"type": "commentary" if kind == "commentary" else "page-metadata"}))
            elif n:
                out["notesStmt"].append(_piece("note", n, label, text, {"type": "field", "subtype": kind.split(":")[-1]}))
    return out


def _bibl(tr: Transcript, d: Document) -> etree._Element:
    bibl = E("bibl", {"type": "frus" if tr.source == "frus" else "wilson-center"})
    if tr.source == "frus":
        bibl.append(E("title", {"level": "m"}, text="Foreign Relations of the United States"))
    else:
        bibl.append(E("title", {"level": "s"}, text="Wilson Center Digital Archive"))
    if d.number:
        bibl.append(E("idno", {"type": "document-number"}, text=d.number))
    if d.file_number:
        bibl.append(E("idno", {"type": "central-file"}, text=d.file_number))
    for kind, text in d.bibl:
        bibl.append(E("note", {"type": kind}, text=text))
    return bibl


def _corresp(d: Document, i: int, total: int) -> etree._Element:
    cd = E("correspDesc", {"corresp": f"#doc{i + 1}" if total > 1 else None})
    cd.append(_action("sent", d.sent))
    cd.append(_action("received", d.received))
    return cd


AUTHORITY_FILES = {"per": "persons.xml", "org": "orgs.xml", "pl": "places.xml"}


def authority_ref(xml_id: str) -> str:
    """A pointer from corpus/tei/X.xml to its record in corpus/authority/."""
    return f"../authority/{AUTHORITY_FILES[xml_id.split('-', 1)[0]]}#{xml_id}"


def _action(kind: str, p: Party) -> etree._Element:
    a = E("correspAction", {"type": kind})
    if p.person:
        attrs = dict(p.person_attrs)
        if p.person_ref:
            attrs.update(ref=authority_ref(p.person_ref), cert=p.person_cert)
        a.append(E("persName", attrs, text=p.person))
    if p.org:
        a.append(E("orgName", {"ref": authority_ref(p.org_ref) if p.org_ref else None}, text=p.org))
    if p.place:
        a.append(E("placeName", {"ref": authority_ref(p.place_ref) if p.place_ref else None, "cert": p.place_cert},
                   text=p.place))
    if p.date_when:
        a.append(E("date", {"when": p.date_when, "cert": p.date_cert,
                            "evidence": "conjecture" if p.date_cert else "internal", **p.date_attrs},
                   text=p.date_text or None))
    elif p.date_not_before:
        a.append(E("date", {"notBefore": p.date_not_before, "cert": p.date_cert, "evidence": "conjecture",
                            **p.date_attrs}, text=p.date_text or None))
    elif p.date_text and p.date_attrs:
        a.append(E("date", p.date_attrs, text=p.date_text))
    if p.sources:
        a.append(E("note", {"type": "evidence"}, text=" ".join(p.sources)))
    elif not len(a):
        a.append(E("note", {}, text="Not stated in the transcript."))
    return a


def serialize(tree: etree._ElementTree) -> bytes:
    """Bytes of the TEI file, with the hash of its own content in revisionDesc."""
    data = _bytes(tree)
    digest = hashlib.sha256(data).hexdigest()
    return data.replace(HASH_BLANK, f'n="sha256:{digest}"'.encode(), 1)


# Elements whose content is text, even when it holds only elements (``<p><pb/><note/></p>``):
# indenting them would add white space that is not in the transcript.
TEXT_BLOCKS = {"p", "head", "seg", "item", "signed", "salute", "dateline", "label", "speaker", "title",
               "persName", "orgName", "placeName", "date", "supplied", "gap", "soCalled", "q", "hi", "ab",
               "l", "trailer", "byline", "desc", "term", "idno", "change", "add", "unclear", "stamp", "ref",
               "opener"}  # the readers make one opener per line of the transcript
MAYBE_BLOCKS = {"said", "quote", "note"}  # containers only when they hold paragraphs


def indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only content, never mixed content (unlike ``etree.indent``)."""
    children = [c for c in el if isinstance(c.tag, str)]
    if not len(el) or _has_text(el):
        return
    name = etree.QName(el).localname if isinstance(el.tag, str) else ""
    if name in TEXT_BLOCKS or (name in MAYBE_BLOCKS and not any(
            etree.QName(c).localname == "p" for c in children)):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for c in el:
        c.tail = pad
        if isinstance(c.tag, str):
            indent(c, level + 1)
    el[-1].tail = "\n" + "  " * level


def _has_text(el: etree._Element) -> bool:
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _bytes(tree: etree._ElementTree) -> bytes:
    indent(tree.getroot())
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    return data.replace(b"?><", b"?>\n<", 3) + b"\n"


def stored_hash(data: bytes) -> tuple[str | None, str]:
    """(hash recorded in the file, hash of the file as it is now)."""
    m = HASH_RE.search(data)
    if not m:
        return None, hashlib.sha256(data).hexdigest()
    recorded = m.group(0)[len(b'n="sha256:'):-1].decode()
    now = hashlib.sha256(data[:m.start()] + HASH_BLANK + data[m.end():]).hexdigest()
    return recorded, now
