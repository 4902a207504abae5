"""The customization as W3C XML Schema 1.1, accepting the documents the RELAX NG accepts.

TEI content models are not all expressible as deterministic XSD particles (the same element may
start two branches), which is where RNG-to-XSD converters approximate. Here each element gets a
plain repeatable choice of the children it may have, and, when the order matters, an XSD 1.1
assertion that checks the sequence of its children against the content model as a regular
expression over 'name,' tokens. Attribute types, closed value lists and required attributes are
written out exactly. Only the start element (``TEI``) is global.
"""
from __future__ import annotations

from lxml import etree

from .content import expand, has, ir, is_free_choice, names, regex, simplify
from .odd import RNG_NS, T, AttDef, Customization, local

XS_NS = "http://www.w3.org/2001/XMLSchema"
X = "{%s}" % XS_NS
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
VC_NS = "http://www.w3.org/2007/XMLSchema-versioning"


def xs(parent, tag: str, **attrs) -> etree._Element:
    el = etree.SubElement(parent, X + tag) if parent is not None else etree.Element(X + tag)
    for k, v in attrs.items():
        el.set(k.rstrip("_"), v)
    return el


class XsdWriter:
    def __init__(self, cust: Customization, xml_schema_location: str) -> None:
        self.c = cust
        self.xml_loc = xml_schema_location
        self.types_wanted: list[str] = []
        self.att_types: dict[bytes, tuple[str, etree._Element]] = {}
        self.att_names: dict[str, int] = {}

    # --- simple types -----------------------------------------------------------------------
    def simple(self, parent, expr, inline_keys: bool = False) -> None:
        """Write a simpleType's content (restriction, union or list) for a data expression."""
        kind = expr[0]
        if kind == "data":
            self.data(parent, expr[1], inline_keys)
        elif kind == "alt":
            union = xs(parent, "union")
            for e in expr[1]:
                self.simple(xs(union, "simpleType"), e, inline_keys)
        elif kind == "seq" and len(expr[1]) == 1 and (expr[2], expr[3]) == (1, 1):
            self.simple(parent, expr[1][0], inline_keys)
        elif kind == "text":
            xs(parent, "restriction", base="xs:string")
        else:
            raise ValueError(f"datatype expression {expr[0]} not supported")

    def data(self, parent, el, inline_keys: bool) -> None:
        name = local(el)
        if el.tag.startswith("{%s}" % RNG_NS):
            if name == "value":
                r = xs(parent, "restriction", base="xs:" + el.get("type", "token"))
                xs(r, "enumeration", value=el.text or "")
            else:
                r = xs(parent, "restriction", base="xs:" + el.get("type"))
                for p in el.findall("{%s}param" % RNG_NS):
                    xs(r, p.get("name"), value=p.text)
            return
        if name == "valList":
            r = xs(parent, "restriction", base="xs:token")
            for v in el.findall(T + "valItem"):
                xs(r, "enumeration", value=v.get("ident"))
            return
        if el.get("key"):
            key = el.get("key")
            if el.get("restriction"):  # as the RNG writer: the pattern on a token
                r = xs(parent, "restriction", base="xs:token")
                xs(r, "pattern", value=el.get("restriction"))
                return
            if inline_keys:
                self.simple(parent, ir(self.c.datatypes[key].content), True)
                return
            self.want(key)
            xs(parent, "restriction", base="tei:" + key)
            return
        r = xs(parent, "restriction", base="xs:" + el.get("name"))
        if el.get("restriction"):
            xs(r, "pattern", value=el.get("restriction"))
        for f in el.findall(T + "dataFacet"):
            xs(r, f.get("name"), value=f.get("value"))

    def named_att_type(self, a: AttDef) -> str:
        """One named simpleType per distinct attribute type (most attributes share theirs)."""
        holder = etree.Element("holder")
        self.att_type(holder, a)
        st = holder[0]
        key = etree.tostring(st)
        if key not in self.att_types:
            name = f"att-{a.ident}" + (f"-{self.att_names.get(a.ident, 0) + 1}" if a.ident in self.att_names else "")
            self.att_names[a.ident] = self.att_names.get(a.ident, 0) + 1
            st.set("name", name)
            self.att_types[key] = (name, st)
        return self.att_types[key][0]

    def want(self, key: str) -> None:
        if key not in self.types_wanted:
            self.types_wanted.append(key)

    def att_type(self, parent, a: AttDef, inline_keys: bool = False) -> None:
        """An inline simpleType for an attribute."""
        st = xs(parent, "simpleType")
        if a.vals is not None and a.val_type == "closed":
            r = xs(st, "restriction", base="xs:token")
            for v in a.vals:
                xs(r, "enumeration", value=v)
            return
        if a.datatype is None:
            xs(st, "restriction", base="xs:string")
            return
        expr = ir(a.datatype)
        if a.datatype.get("maxOccurs", "1") != "1":
            r = xs(st, "restriction")
            lst = xs(xs(r, "simpleType"), "list")
            self.simple(xs(lst, "simpleType"), expr, inline_keys)
            if int(a.datatype.get("minOccurs", "1")) >= 1:
                xs(r, "minLength", value="1")
            return
        self.simple(st, expr, inline_keys)

    def attribute(self, parent, a: AttDef) -> None:
        if a.ident.startswith("xml:"):
            at = xs(parent, "attribute", ref=a.ident)
        else:
            at = xs(parent, "attribute", name=a.ident, type="tei:" + self.named_att_type(a))
        if a.usage == "req":
            at.set("use", "required")

    # --- elements ---------------------------------------------------------------------------
    def complex_type(self, schema, name: str) -> None:
        spec = self.c.elements[name]
        expr = simplify(expand(ir(spec.content), self.c))
        ct = xs(schema, "complexType", name=name + ".type")
        atts = self.c.attributes(spec).values()
        if has(expr, "data"):  # data content: a simple type extended with the attributes
            base = name + ".content"
            st = xs(schema, "simpleType", name=base)
            self.simple(st, expr)
            ext = xs(xs(ct, "simpleContent"), "extension", base="tei:" + base)
            for a in atts:
                self.attribute(ext, a)
            return
        if has(expr, "text"):
            ct.set("mixed", "true")
        children = sorted(names(expr))
        anything = has(expr, "any")
        if children or anything:
            ch = xs(ct, "choice", minOccurs="0", maxOccurs="unbounded")
            for c in children:
                xs(ch, "element", name=c, type=f"tei:{c}.type")
            if anything:
                xs(ch, "any", namespace="##any", processContents="skip")
        for a in atts:
            self.attribute(ct, a)
        if not anything and not is_free_choice(expr):
            rx = regex(expr)
            test = ("matches(string-join(for $c in * return concat(local-name($c), ','), ''), "
                    f"'^{rx}$')")
            xs(ct, "assert", test=test)

    def schema(self) -> etree._Element:
        s = etree.Element(X + "schema", nsmap={"xs": XS_NS, "tei": TEI_NS, "vc": VC_NS})
        s.set("targetNamespace", TEI_NS)
        s.set("elementFormDefault", "qualified")
        s.set("{%s}minVersion" % VC_NS, "1.1")
        xs(s, "annotation").append(_doc(f"The {self.c.ident} customization, generated from its ODD by "
                                        f"`tei schema build`. XSD 1.1 (assertions check child order)."))
        xs(s, "import", namespace=XML_NS, schemaLocation=self.xml_loc)
        for start in self.c.start:
            xs(s, "element", name=start, type=f"tei:{start}.type")
        for name in sorted(self.c.elements):
            self.complex_type(s, name)
        for name, st in self.att_types.values():
            s.append(st)
        done: set[str] = set()
        while len(done) < len(self.types_wanted):
            for key in list(self.types_wanted):
                if key in done:
                    continue
                done.add(key)
                st = xs(s, "simpleType", name=key)
                self.simple(st, ir(self.c.datatypes[key].content))
        return s

    def xml_schema(self) -> etree._Element:
        """The attributes in the XML namespace (xml:id, xml:lang …) with the TEI's datatypes."""
        s = etree.Element(X + "schema", nsmap={"xs": XS_NS})
        s.set("targetNamespace", XML_NS)
        xml_atts: dict[str, AttDef] = {}
        for spec in self.c.elements.values():
            for name, a in self.c.attributes(spec).items():
                if name.startswith("xml:"):
                    xml_atts.setdefault(name, a)
        for name, a in sorted(xml_atts.items()):
            at = xs(s, "attribute", name=name[4:])
            self.att_type(at, a, inline_keys=True)
        return s


def _doc(text: str):
    d = etree.Element(X + "documentation")
    d.text = text
    return d


def write_xsd(cust: Customization, xml_schema_location: str) -> tuple[etree._Element, etree._Element]:
    w = XsdWriter(cust, xml_schema_location)
    return w.schema(), w.xml_schema()
