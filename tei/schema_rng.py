"""The customization as RELAX NG (XML syntax), in the TEI's own shape: one define per element,
model class, macro and datatype; attributes written out on each element."""
from __future__ import annotations

import copy

from lxml import etree

from .content import ir
from .odd import RNG_NS, T, AttDef, Customization, local

R = "{%s}" % RNG_NS
A_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSD_DT = "http://www.w3.org/2001/XMLSchema-datatypes"


def E(tag: str, **attrs) -> etree._Element:
    el = etree.Element(R + tag, nsmap={None: RNG_NS, "a": A_NS})
    for k, v in attrs.items():
        el.set(k, v)
    return el


def sub(parent, tag: str, **attrs) -> etree._Element:
    el = E(tag, **attrs)
    parent.append(el)
    return el


class RngWriter:
    def __init__(self, cust: Customization) -> None:
        self.c = cust
        self.defines: dict[str, etree._Element] = {}
        self.wanted: list[str] = []  # defines referenced, to write

    def ref(self, name: str) -> etree._Element:
        if name not in self.wanted:
            self.wanted.append(name)
        return E("ref", name=name)

    # --- patterns ---------------------------------------------------------------------------
    def pattern(self, expr) -> etree._Element | None:
        kind = expr[0]
        if kind == "el":
            if expr[1] not in self.c.elements:  # not selected: never there
                return None if expr[2] == 0 else E("notAllowed")
            return self.occ(self.ref(expr[1]), expr[2], expr[3])
        if kind == "class":
            _, name, how, lo, hi = expr
            if not self.c.members(name):
                return self.occ(E("notAllowed"), lo, hi) if lo else None
            target = name if how == "alternate" else f"{name}_{how}"
            return self.occ(self.ref(target), lo, hi)
        if kind == "macro":
            if expr[1] not in self.c.macros:
                return None if expr[2] == 0 else E("notAllowed")
            return self.occ(self.ref(expr[1]), expr[2], expr[3])
        if kind == "text":
            return E("text")
        if kind == "empty":
            return E("empty")
        if kind == "any":
            return self.occ(self.ref("anyElement"), expr[1], expr[2])
        if kind == "data":
            return self.data(expr[1])
        if kind in ("seq", "alt"):
            parts = [p for p in (self.pattern(e) for e in expr[1]) if p is not None]
            if kind == "alt":
                parts = [p for p in parts if local(p) != "notAllowed"] or parts[:1]
            elif any(local(p) == "notAllowed" for p in parts):
                parts = [E("notAllowed")]  # a required part that cannot be there
            if parts and local(parts[0]) == "notAllowed" and expr[2] == 0:
                return None
            if not parts:
                return None if kind == "seq" or expr[2] == 0 else E("notAllowed")
            if len(parts) == 1:
                body = parts[0]
            else:
                body = E("group" if kind == "seq" else "choice")
                body.extend(parts)
            return self.occ(body, expr[2], expr[3])
        raise ValueError(kind)

    def occ(self, p: etree._Element, lo: int, hi: int | None) -> etree._Element:
        if (lo, hi) == (1, 1):
            return p
        if (lo, hi) == (0, 1):
            w = E("optional")
        elif (lo, hi) == (0, None):
            w = E("zeroOrMore")
        elif (lo, hi) == (1, None):
            w = E("oneOrMore")
        else:  # n..m: n copies, then optional ones (or a zeroOrMore)
            g = E("group")
            for _ in range(lo):
                g.append(copy.deepcopy(p))
            if hi is None:
                z = sub(g, "zeroOrMore")
                z.append(copy.deepcopy(p))
            else:
                for _ in range(hi - lo):
                    o = sub(g, "optional")
                    o.append(copy.deepcopy(p))
            return g
        w.append(p)
        return w

    def data(self, el: etree._Element) -> etree._Element:
        name = local(el)
        if el.tag.startswith(R):  # rng:data / rng:value
            return copy.deepcopy(el)
        if name == "valList":
            ch = E("choice")
            for v in el.findall(T + "valItem"):
                sub(ch, "value").text = v.get("ident")
            return ch
        if el.get("key"):
            out = self.ref(el.get("key"))
            if el.get("restriction"):  # a restriction on a TEI datatype: the pattern on the token
                d = E("data", type="token")
                sub(d, "param", name="pattern").text = el.get("restriction")
                return d
            return out
        d = E("data", type=el.get("name"))
        if el.get("restriction"):
            sub(d, "param", name="pattern").text = el.get("restriction")
        for f in el.findall(T + "dataFacet"):
            sub(d, "param", name=f.get("name")).text = f.get("value")
        return d

    def datatype(self, a: AttDef) -> etree._Element:
        if a.vals is not None and a.val_type == "closed":
            ch = E("choice")
            for v in a.vals:
                sub(ch, "value").text = v
            return ch
        dt = a.datatype
        if dt is None:
            return self.ref("teidata.text") if "teidata.text" in self.c.datatypes else E("text")
        body = self.pattern(ir(dt))
        lo, hi = int(dt.get("minOccurs", "1")), dt.get("maxOccurs", "1")
        if hi != "1":
            lst = E("list")
            rep = sub(lst, "oneOrMore" if lo >= 1 else "zeroOrMore")
            rep.append(body)
            return lst
        return body

    def attribute(self, a: AttDef) -> etree._Element:
        attrs = {"name": a.ident}
        if a.ident.startswith("xml:"):
            attrs = {"name": a.ident[4:], "ns": XML_NS}
        at = E("attribute", **attrs)
        if a.desc:
            doc = etree.SubElement(at, "{%s}documentation" % A_NS)
            doc.text = a.desc
        at.append(self.datatype(a))
        if a.usage == "req":
            return at
        opt = E("optional")
        opt.append(at)
        return opt

    # --- the grammar ------------------------------------------------------------------------
    def grammar(self) -> etree._Element:
        g = E("grammar", ns="http://www.tei-c.org/ns/1.0", datatypeLibrary=XSD_DT)
        start = sub(g, "start")
        if len(self.c.start) == 1:
            start.append(self.ref(self.c.start[0]))
        else:
            ch = sub(start, "choice")
            for s in self.c.start:
                ch.append(self.ref(s))
        done: set[str] = set()
        while len(done) < len(self.wanted):
            for name in list(self.wanted):
                if name in done:
                    continue
                done.add(name)
                self.defines[name] = self.define(name)
        for name in sorted(self.defines):
            g.append(self.defines[name])
        return g

    def define(self, name: str) -> etree._Element:
        d = E("define", name=name)
        c = self.c
        if name in c.elements:
            spec = c.elements[name]
            el = sub(d, "element", name=name)
            if spec.desc:
                etree.SubElement(el, "{%s}documentation" % A_NS).text = \
                    (f"({spec.gloss}) " if spec.gloss else "") + spec.desc
            body = self.pattern(ir(spec.content))
            if body is not None:
                el.append(body)
            for a in c.attributes(spec).values():
                el.append(self.attribute(a))
            return d
        base, _, how = name.partition("_")
        if base in c.classes:
            members = c.members(base)
            if not how or how == "alternate":
                ch = sub(d, "choice")
                for m in members:
                    ch.append(self.ref(m))
            else:
                g = sub(d, "group")
                for m in members:
                    r = self.ref(m)
                    g.append(r if how == "sequence" else self.occ(
                        r, 0 if "Optional" in how else 1, None if "Repeatable" in how else 1))
            return d
        if name in c.macros:
            d.append(self.pattern(ir(c.macros[name].content)))
            return d
        if name in c.datatypes:
            d.append(self.pattern(ir(c.datatypes[name].content)))
            return d
        if name == "anyElement":
            el = sub(d, "element")
            sub(el, "anyName")
            z = sub(el, "zeroOrMore")
            ch = sub(z, "choice")
            at = sub(ch, "attribute")
            sub(at, "anyName")
            sub(ch, "text")
            ch.append(self.ref("anyElement"))
            return d
        raise KeyError(f"no spec for {name}")


def write_rng(cust: Customization) -> etree._Element:
    return RngWriter(cust).grammar()
