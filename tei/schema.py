"""``tei schema build``: the ODD compiled to RELAX NG, Schematron and XSD, and its guidelines as HTML.

No Java, no TEI Stylesheets: ``odd.py`` resolves the customization against the P5 sources,
``schema_rng.py``, ``schema_sch.py`` and ``schema_xsd.py`` write the three schemas. The output is
deterministic, so a rebuild from the same ODD and sources is byte-identical to what is committed.
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .convert import atomic_write
from .odd import Customization, customize, load_sources
from .schema_rng import write_rng
from .schema_sch import write_sch
from .schema_xsd import write_xsd
from .xmlsafe import parse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ODD = ROOT / "schemas" / "diplomatic.odd"
DEFAULT_SOURCES = ROOT.parent / "shared" / "tei-p5" / "Specs"


def sources_dir(given: str | Path | None = None) -> Path:
    """The TEI P5 Specs folder: the option, else $TEI_SOURCES, else ../shared/tei-p5/Specs."""
    return Path(given or os.environ.get("TEI_SOURCES") or DEFAULT_SOURCES)


@dataclass
class Built:
    rng: Path
    sch: Path
    xsd: Path
    xml_xsd: Path
    cust: Customization


def _bytes(el: etree._Element) -> bytes:
    return etree.tostring(el, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def outputs(odd: Path, sources: Path) -> tuple[Customization, dict[str, bytes]]:
    cust = customize(odd, sources)
    name = cust.ident
    xsd, xml_xsd = write_xsd(cust, f"{name}-xml.xsd")
    return cust, {
        f"{name}.rng": _bytes(write_rng(cust)),
        f"{name}.sch": _bytes(write_sch(cust)),
        f"{name}.xsd": _bytes(xsd),
        f"{name}-xml.xsd": _bytes(xml_xsd),
    }


def build(odd: Path = DEFAULT_ODD, sources: Path | None = None, outdir: Path | None = None) -> Built:
    sources = sources_dir(sources)
    if not sources.is_dir():
        raise FileNotFoundError(f"the TEI P5 sources are not at {sources}: pass --sources DIR or set TEI_SOURCES "
                                f"(the folder of elementSpec files, e.g. ../shared/tei-p5/Specs)")
    outdir = outdir or odd.parent
    cust, files = outputs(odd, sources)
    for fname, data in files.items():
        atomic_write(outdir / fname, data)
    n = cust.ident
    return Built(outdir / f"{n}.rng", outdir / f"{n}.sch", outdir / f"{n}.xsd", outdir / f"{n}-xml.xsd", cust)


def tei_all_odd(sources: Path) -> bytes:
    """An ODD selecting every module of the sources: tei_all."""
    src = load_sources(sources)
    modules = sorted({s.module for _, s in src["element"].values()})
    refs = "".join(f'<moduleRef key="{m}"/>' for m in modules)
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>tei_all</title>'
            f'</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
            f'</teiHeader><text><body><schemaSpec ident="tei_all" start="TEI teiCorpus">{refs}</schemaSpec>'
            f'</body></text></TEI>').encode()


def build_tei_all(sources: Path, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    odd = outdir / "tei_all.odd"
    atomic_write(odd, tei_all_odd(sources))
    cust = customize(odd, sources)
    target = outdir / "tei_all.rng"
    atomic_write(target, _bytes(write_rng(cust)))
    return target


# --- the guidelines ---------------------------------------------------------------------------

def guidelines_html(odd: Path, rng: Path, sch: Path) -> str:
    """The ODD's prose, then a reference of every element (with its closed value lists) and every
    Schematron rule, read from the compiled schemas (so the TEI sources are not needed)."""
    ns = {"tei": "http://www.tei-c.org/ns/1.0", "sch": "http://purl.oclc.org/dsdl/schematron",
          "r": "http://relaxng.org/ns/structure/1.0", "a": "http://relaxng.org/ns/compatibility/annotations/1.0"}
    body = parse(odd).getroot().find(".//tei:body", ns)
    title = "".join(parse(odd).getroot().find(".//tei:titleStmt/tei:title", ns).itertext())
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{html.escape(title)}</title>",
             "<style>body{font-family:Georgia,serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5}"
             "code,.gi,.att{font-family:ui-monospace,monospace;font-size:.92em}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top;text-align:left}</style></head><body>"]
    for el in body:
        parts.append(_prose(el))
    parts.append('<h2 id="elements">Elements</h2><table><tr><th>element</th><th>description</th>'
                 '<th>attributes: required, closed values</th></tr>')
    grammar = parse(rng).getroot()
    for el in sorted(grammar.iterfind("r:define/r:element", ns), key=lambda e: e.get("name")):
        name = el.get("name")
        doc = el.find("a:documentation", ns)
        atts = []
        for at in el.iterfind(".//r:attribute", ns):
            aname = ("xml:" if at.get("ns") else "") + at.get("name")
            values = [v.text for v in at.iterfind("r:choice/r:value", ns)]
            required = at.getparent().tag != "{%s}optional" % ns["r"]
            if values or required:
                atts.append(f"<span class='att'>@{html.escape(aname)}</span>" + (" (required)" if required else "")
                            + (": " + ", ".join(f"<code>{html.escape(v)}</code>" for v in values) if values else ""))
        parts.append(f"<tr id='el-{name}'><td class='gi'>&lt;{name}&gt;</td>"
                     f"<td>{html.escape(doc.text if doc is not None else '')}</td><td>{'<br>'.join(atts)}</td></tr>")
    parts.append("</table>")
    parts.append('<h2 id="rules">Schematron rules</h2><table><tr><th>rule id</th><th>what it checks</th>'
                 '<th>message (what to do)</th></tr>')
    for pat in parse(sch).getroot().iterfind("sch:pattern", ns):
        desc = " ".join(" ".join("".join(p.itertext()).split()) for p in pat.iterfind("sch:p", ns))
        msgs = [" ".join("".join(m.itertext()).split()) for m in pat.iterfind(".//sch:assert", ns)]
        msgs += [" ".join("".join(m.itertext()).split()) for m in pat.iterfind(".//sch:report", ns)]
        parts.append(f"<tr id='rule-{pat.get('id')}'><td><code>{html.escape(pat.get('id') or '')}</code></td>"
                     f"<td>{html.escape(desc)}</td><td>{'<br>'.join(html.escape(m) for m in msgs)}</td></tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts)


def guidelines_from_committed(odd: Path, target: Path) -> Path:
    name = parse(odd).getroot().find(".//{http://www.tei-c.org/ns/1.0}schemaSpec").get("ident")
    return write_guidelines(odd, odd.parent / f"{name}.rng", odd.parent / f"{name}.sch", target)


def _prose(el) -> str:
    tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
    if tag == "schemaSpec":
        return ""
    if tag == "head":
        return f"<h1>{_inline(el)}</h1>"
    if tag == "div":
        inner = []
        for c in el:
            if isinstance(c.tag, str) and etree.QName(c).localname == "head":
                inner.append(f"<h2 id='{el.get('{http://www.w3.org/XML/1998/namespace}id') or ''}'>{_inline(c)}</h2>")
            else:
                inner.append(_prose(c))
        return "<section>" + "".join(inner) + "</section>"
    if tag == "p":
        return f"<p>{_inline(el)}</p>"
    return ""


def _inline(el) -> str:
    out = [html.escape(el.text or "")]
    for c in el:
        name = etree.QName(c).localname
        inner = _inline(c)
        if name == "gi":
            out.append(f"<a class='gi' href='#el-{html.escape(c.text or '')}'>&lt;{inner}&gt;</a>")
        elif name == "att":
            out.append(f"<span class='att'>@{inner}</span>")
        elif name in ("val", "code", "ident"):
            out.append(f"<code>{inner}</code>")
        elif name in ("q",):
            out.append(f"“{inner}”")
        elif name == "title":
            out.append(f"<cite>{inner}</cite>")
        else:
            out.append(inner)
        out.append(html.escape(c.tail or ""))
    return "".join(out)


def write_guidelines(odd: Path, rng: Path, sch: Path, target: Path) -> Path:
    atomic_write(target, guidelines_html(odd, rng, sch).encode("utf-8"))
    return target
