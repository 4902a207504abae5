"""Reading a TEI ODD: the P5 sources plus a ``schemaSpec``, resolved into the specs it selects.

The result (:class:`Customization`) holds, for the selected modules and the ODD's changes, every
element with its content model and its flattened attributes, the model classes with their
members, the macros and datatypes, and every Schematron ``constraintSpec``. The writers
(``schema_rng.py``, ``schema_sch.py``, ``schema_xsd.py``) only read it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .xmlsafe import TEI_NS, parse

T = "{%s}" % TEI_NS
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


@dataclass
class AttDef:
    ident: str
    usage: str = "opt"
    datatype: etree._Element | None = None  # the <datatype> element
    vals: list[str] | None = None  # closed value list
    val_type: str | None = None
    desc: str = ""
    constraints: list[etree._Element] = field(default_factory=list)

    def merged(self, change: "AttDef", el: etree._Element) -> "AttDef":
        """This definition changed by an attDef in mode="change"."""
        out = copy.copy(self)
        if el.get("usage"):
            out.usage = change.usage
        if change.datatype is not None:
            out.datatype = change.datatype
        vl = el.find(T + "valList")
        if vl is not None:
            mode = vl.get("mode", "add")
            if vl.get("type"):
                out.val_type = vl.get("type")
            if mode == "replace" or not self.vals:
                out.vals = change.vals
            elif mode in ("add", "change"):
                out.vals = list(dict.fromkeys((self.vals or []) + (change.vals or [])))
        if change.desc:
            out.desc = change.desc
        out.constraints = self.constraints + change.constraints
        return out


@dataclass
class Spec:
    kind: str  # element | class | macro | data
    ident: str
    module: str
    class_type: str | None = None  # model | atts
    member_of: list[str] = field(default_factory=list)
    content: etree._Element | None = None
    atts: dict[str, AttDef] = field(default_factory=dict)
    att_changes: list[tuple[str, str, etree._Element]] = field(default_factory=list)  # (mode, ident, attDef)
    constraints: list[etree._Element] = field(default_factory=list)
    desc: str = ""
    gloss: str = ""


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _en(el, tag: str) -> etree._Element | None:
    items = el.findall(T + tag)
    return next((i for i in items if i.get("{http://www.w3.org/XML/1998/namespace}lang") in (None, "en")), None)


def _attdef(el: etree._Element) -> AttDef:
    vl = el.find(T + "valList")
    vals = [v.get("ident") for v in vl.findall(T + "valItem")] if vl is not None else None
    a = AttDef(el.get("ident"), el.get("usage", "opt"), el.find(T + "datatype"), vals,
               vl.get("type") if vl is not None else None, _text(_en(el, "desc")))
    a.constraints = [c for c in el.findall(T + "constraintSpec")]
    return a


def read_spec(el: etree._Element, source: bool = True) -> Spec:
    kind = {"elementSpec": "element", "classSpec": "class", "macroSpec": "macro", "dataSpec": "data"}[local(el)]
    spec = Spec(kind, el.get("ident"), el.get("module", ""), el.get("type"))
    classes = el.find(T + "classes")
    if classes is not None:
        spec.member_of = [m.get("key") for m in classes.findall(T + "memberOf") if m.get("mode") != "delete"]
    spec.content = el.find(T + "content")
    # attributes defined here (mode add) are the spec's own; changes to inherited ones are kept apart
    attlist = el.find(T + "attList")
    if attlist is not None:
        for ad in attlist.iter(T + "attDef"):
            mode = ad.get("mode", "add")
            if mode == "add" or (mode == "replace" and source):
                spec.atts[ad.get("ident")] = _attdef(ad)
            else:
                spec.att_changes.append((mode, ad.get("ident"), ad))
    spec.constraints = [c for c in el.iter(T + "constraintSpec")]
    spec.desc = _text(_en(el, "desc"))
    spec.gloss = _text(_en(el, "gloss"))
    return spec


def apply_change(base: Spec, el: etree._Element) -> Spec:
    """An elementSpec/classSpec in mode="change" applied to the spec it changes."""
    spec = copy.copy(base)
    spec.atts = dict(base.atts)
    spec.att_changes = list(base.att_changes)
    spec.member_of = list(base.member_of)
    spec.constraints = list(base.constraints)
    classes = el.find(T + "classes")
    if classes is not None:
        if classes.get("mode") == "replace":
            spec.member_of = []
        for m in classes.findall(T + "memberOf"):
            if m.get("mode") == "delete":
                spec.member_of = [k for k in spec.member_of if k != m.get("key")]
            elif m.get("key") not in spec.member_of:
                spec.member_of.append(m.get("key"))
    if el.find(T + "content") is not None:
        spec.content = el.find(T + "content")
    attlist = el.find(T + "attList")
    if attlist is not None:
        for ad in attlist.iter(T + "attDef"):
            ident, mode = ad.get("ident"), ad.get("mode", "add")
            if ident in spec.atts:
                if mode == "delete":
                    del spec.atts[ident]
                elif mode == "change":
                    spec.atts[ident] = spec.atts[ident].merged(_attdef(ad), ad)
                else:  # add or replace an attribute of the spec's own
                    spec.atts[ident] = _attdef(ad)
            elif mode in ("add", "replace"):
                spec.atts[ident] = _attdef(ad)
            else:  # change or delete an inherited attribute
                spec.att_changes.append((mode, ident, ad))
    for cs in el.findall(T + "constraintSpec"):
        mode = cs.get("mode", "add")
        spec.constraints = [c for c in spec.constraints if c.get("ident") != cs.get("ident")]
        if mode != "delete":
            spec.constraints.append(cs)
    for tag in ("desc", "gloss"):
        if _en(el, tag) is not None:
            setattr(spec, tag, _text(_en(el, tag)))
    return spec


@dataclass
class Customization:
    ident: str
    start: list[str]
    elements: dict[str, Spec]
    classes: dict[str, Spec]
    macros: dict[str, Spec]
    datatypes: dict[str, Spec]
    constraints: list[tuple[str, etree._Element]]  # (context spec ident or "", constraintSpec)
    odd: etree._ElementTree | None = None

    def members(self, cls: str) -> list[str]:
        """Element idents in a model class, through its subclasses, in a stable order."""
        out: list[str] = []
        seen = set()

        def visit(c: str) -> None:
            if c in seen:
                return
            seen.add(c)
            for e in sorted(self.elements):
                if c in self.elements[e].member_of and e not in out:
                    out.append(e)
            for k in sorted(self.classes):
                if c in self.classes[k].member_of and self.classes[k].class_type == "model":
                    visit(k)

        visit(cls)
        return out

    def att_classes(self, spec: Spec) -> list[str]:
        """Attribute classes of a spec, transitively, nearest first."""
        out: list[str] = []

        def visit(keys: list[str]) -> None:
            for k in keys:
                c = self.classes.get(k)
                if c is not None and c.class_type == "atts" and k not in out:
                    out.append(k)
                    visit(c.member_of)

        visit(spec.member_of)
        return out

    def attributes(self, spec: Spec) -> dict[str, AttDef]:
        """Every attribute of an element: from its classes, then its own, with its changes."""
        atts: dict[str, AttDef] = {}
        for k in reversed(self.att_classes(spec)):
            c = self.classes[k]
            for name, a in c.atts.items():
                atts[name] = a
            for mode, ident, ad in c.att_changes:
                _change_att(atts, mode, ident, ad)
        atts.update(spec.atts)
        for mode, ident, ad in spec.att_changes:
            _change_att(atts, mode, ident, ad)
        return atts


def _change_att(atts: dict[str, AttDef], mode: str, ident: str, ad: etree._Element) -> None:
    if mode == "delete":
        atts.pop(ident, None)
    elif mode == "change" and ident in atts:
        atts[ident] = atts[ident].merged(_attdef(ad), ad)
    elif mode in ("replace", "add", "change"):
        atts[ident] = _attdef(ad)


def load_sources(specs_dir: Path) -> dict[str, dict[str, tuple[etree._Element, Spec]]]:
    out: dict[str, dict] = {"element": {}, "class": {}, "macro": {}, "data": {}}
    for f in sorted(Path(specs_dir).glob("*.xml")):
        root = parse(f).getroot()
        if local(root) not in ("elementSpec", "classSpec", "macroSpec", "dataSpec"):
            continue
        spec = read_spec(root)
        out[spec.kind][spec.ident] = (root, spec)
    if not out["element"]:
        raise FileNotFoundError(f"no TEI specification files (elementSpec …) in {specs_dir}")
    return out


def customize(odd_path: Path, specs_dir: Path) -> Customization:
    odd = parse(odd_path)
    ss = odd.getroot().find(f".//{T}schemaSpec")
    if ss is None:
        raise ValueError(f"{odd_path}: no schemaSpec")
    src = load_sources(specs_dir)
    modules = ["tei"]
    elements: dict[str, Spec] = {}
    for mr in ss.findall(T + "moduleRef"):
        key = mr.get("key")
        modules.append(key)
        include = set((mr.get("include") or "").split())
        exclude = set((mr.get("except") or "").split())
        known = {ident for ident, (_, s) in src["element"].items() if s.module == key}
        for name in include - known:
            raise ValueError(f"{odd_path}: moduleRef key=\"{key}\" includes {name!r}, which the module does not have")
        for ident in sorted(known):
            if (include and ident not in include) or ident in exclude:
                continue
            elements[ident] = src["element"][ident][1]
    classes = {i: s for i, (_, s) in src["class"].items() if s.module in modules}
    macros = {i: s for i, (_, s) in src["macro"].items() if s.module in modules}
    datatypes = {i: s for i, (_, s) in src["data"].items()}
    tables = {"elementSpec": elements, "classSpec": classes, "macroSpec": macros, "dataSpec": datatypes}
    for el in ss:
        name = local(el)
        if name not in tables:
            continue
        table, ident, mode = tables[name], el.get("ident"), el.get("mode", "add")
        if mode == "delete":
            table.pop(ident, None)
        elif mode == "change":
            if ident not in table:
                raise ValueError(f"{odd_path}:{el.sourceline}: {name} ident=\"{ident}\" mode=\"change\" changes "
                                 f"a spec that is not selected (add its module or include it)")
            table[ident] = apply_change(table[ident], el)
        else:  # add or replace
            table[ident] = read_spec(el, source=False)
    used = _used_classes(elements, classes)
    classes_used = {k: v for k, v in classes.items() if k in used}
    constraints: list[tuple[str, etree._Element]] = []
    for table in (elements, classes_used, macros):
        for ident in sorted(table):
            for cs in table[ident].constraints:
                constraints.append((ident, cs))
            for a in table[ident].atts.values():
                constraints += [(ident, cs) for cs in a.constraints if cs not in table[ident].constraints]
    for cs in ss.findall(T + "constraintSpec"):
        constraints.append(("", cs))
    constraints = [(i, cs) for i, cs in constraints if cs.get("scheme") == "schematron"]
    return Customization(ss.get("ident"), (ss.get("start") or "TEI").split(), elements, classes, macros,
                         datatypes, constraints, odd)


def _used_classes(elements: dict[str, Spec], classes: dict[str, Spec]) -> set[str]:
    """Classes that some selected element belongs to, directly or through a superclass chain."""
    used: set[str] = set()
    todo = [k for e in elements.values() for k in e.member_of]
    while todo:
        k = todo.pop()
        if k in used or k not in classes:
            continue
        used.add(k)
        todo += classes[k].member_of
    return used
