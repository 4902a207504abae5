"""Correspondence metadata: who wrote to whom, read out of headings, titles and datelines."""
from __future__ import annotations

import re

from .model import Party

PERSON_HINT = re.compile(
    r"\((?P<paren>[^()]+)\)|\b(?:President|Chairman|Premier|Prime Minister|Secretary|Ambassador|Minister|"
    r"Chancellor|General|Mr\.|Mrs\.|King|Queen|Shah|Emperor|Pope|Senator|Governor|Director|Assistant|"
    r"Counselor|Adviser|Advisor|Under Secretary|Deputy|Chief|Attorney General|First Secretary|Leader)\b"
)


def set_party(p: Party, text: str, evidence: str) -> None:
    """Fill a correspondence party from a phrase such as 'President Kennedy' or 'the Embassy in the
    Soviet Union': a person when a title or a parenthesised name says so, else an organization."""
    text = text.strip().rstrip(".")
    p.evidence = evidence
    if PERSON_HINT.search(text) and not re.match(r"^the (Department|Embassy|Mission|Delegation|Legation|"
                                                 r"Consulate|Office|White House|Government)", text):
        p.person = text
    else:
        p.org = text


# The closed vocabulary of div/@subtype (see schemas/diplomatic.odd), from the printed kind
DOC_TYPES = {
    "telegram": "telegram", "circular telegram": "telegram", "letter": "letter", "message": "message",
    "memorandum": "memorandum", "memorandum of conversation": "memorandum-of-conversation",
    "memorandum for the record": "memorandum-for-the-record", "editorial note": "editorial-note",
    "note": "note", "oral statement": "oral-statement", "airgram": "airgram", "despatch": "despatch",
    "instruction": "instruction", "paper": "paper", "report": "report", "minutes": "minutes",
    "transcript": "transcript", "record of meeting": "memorandum-of-conversation",
    "summary record": "minutes", "aide-mémoire": "note", "aide-memoire": "note",
    "telephone conversation": "transcript", "backchannel message": "message",
    "intelligence memorandum": "memorandum", "national intelligence estimate": "report",
    "cable": "telegram", "ciphered telegram": "telegram", "record of conversation": "memorandum-of-conversation",
    "conversation": "memorandum-of-conversation", "record": "memorandum-of-conversation", "diary": "diary", "speech": "speech", "statement": "oral-statement", "draft": "paper", "notes": "minutes",
}


def doc_type_slug(printed: str | None) -> str | None:
    """'Memorandum of Conversation' -> 'memorandum-of-conversation'; unknown kinds -> 'other'."""
    if not printed:
        return None
    key = re.sub(r"\s+", " ", printed.strip().lower())
    return DOC_TYPES.get(key, "other")


# --- resolving the parties against the authority records (a transform between reader and encoder)

MONTHS_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December)")
SIGNED_RE = re.compile(r"\b(?:approved and signed|signed|sent) by (?:Secretary |President |Ambassador )?"
                       r"(?P<who>[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,2})")
EMBASSY_RE = re.compile(r"^(?:the )?(?:Embassy|Mission|Legation|Consulate(?: General)?) (?:in|to) (?:the )?(?P<where>.+)$",
                        re.I)
SECRETARY_RE = re.compile(r"^(?:the )?(?:Acting )?Secretary(?: of State)?(?: \((?P<who>[^)]+)\))?$", re.I)
PAREN_RE = re.compile(r"\((?P<who>[^)]+)\)")
FULL_DATE_RE = re.compile(rf"\b{MONTHS_RE} \d{{1,2}}, \d{{4}}\b")


def resolve(doc, auth, warnings: list[str], name: str) -> None:
    """Point the correspondence parties and the speakers at authority records, and record for
    each fact where it came from and how sure it is (see the README's table of rules)."""
    _date_fallback(doc)
    date = doc.sent.date_when or doc.sent.date_not_before
    signer = _signer(doc)
    for party, role in ((doc.sent, "sent"), (doc.received, "received")):
        _resolve_party(party, role, doc, auth, date, signer if role == "sent" else None)
        if party.place:
            rec = auth.place(party.place)
            party.place_ref = rec.xml_id
    for sid, printed in doc.speakers.items():
        if sid.startswith("per-"):
            doc.speaker_refs[sid] = auth.person(printed).xml_id


def _date_fallback(doc) -> None:
    if doc.sent.date_when:
        if doc.sent.date_evidence == "dateline":
            doc.sent.sources.append(f"Date {doc.sent.date_when} from the dateline.")
        elif doc.sent.date_evidence == "file-number":
            doc.sent.sources.append(f"Date {doc.sent.date_when} from the central file number {doc.file_number} "
                                    f"in the source note (its tail is the date), the only evidence: cert medium.")
        elif doc.sent.date_evidence == "date-line":
            doc.sent.sources.append(f"Date {doc.sent.date_when} from the page's date line.")
        return
    # no date given: the latest date the text mentions is a lower bound
    from .blocks import iso_date
    text = doc.body.text()
    dates = sorted(d for d in (iso_date(m.group()) for m in FULL_DATE_RE.finditer(text)) if d)
    if dates:
        doc.sent.date_not_before = dates[-1]
        doc.sent.date_cert = "low"
        doc.sent.sources.append(f"No date in the document: not before {dates[-1]}, the latest date its text "
                                f"mentions; cert low.")


def _signer(doc) -> tuple[str, str] | None:
    """Who signed: the source note's 'signed by', else the signature line."""
    if doc.source_citation and (m := SIGNED_RE.search(doc.source_citation)):
        return m.group("who").rstrip("."), "the source note's “signed by”"
    for n in doc.body.iter("signed"):
        text = n.text().strip()
        if text and not text.startswith("/"):
            return text, "the signature"
        if text.startswith("/") and text.endswith("/") and len(text) > 2 and "signature" not in text:
            return text.strip("/"), "the signature"
    return None


def _resolve_party(p, role: str, doc, auth, date: str | None, signer) -> None:
    if p.org:
        rec = auth.org(p.org)
        p.org_ref = rec.xml_id
        p.sources.append(f"{'Sender' if role == 'sent' else 'Addressee'} {p.org} from the {p.evidence or 'heading'}.")
        m = EMBASSY_RE.match(p.org)
        if m and not p.person:  # the chief of mission on the day
            mission = mission_for(m.group("where"))
            holder = auth.office_holder(mission, date)
            if holder:
                hsg = auth.hsg_for_pocom(holder["pocom"])
                rec = auth.person(f"{holder['forename']} {holder['surname']}", hsg=hsg)
                p.person, p.person_ref, p.person_cert, p.person_evidence = rec.name, rec.xml_id, "medium", "external"
                p.sources.append(f"{rec.name}: chief of mission ({mission}) on {date[:10]}, from the Office of the "
                                 f"Historian's list of chiefs of mission; cert medium.")
        if role == "sent" and signer and not p.person:
            rec = auth.person(signer[0], hint="Secretary")
            p.person, p.person_ref, p.person_cert, p.person_evidence = rec.name, rec.xml_id, "high", "internal"
            p.sources.append(f"{rec.name} as signer, from {signer[1]}.")
    if p.person and not p.person_ref:
        printed = p.person
        sm = SECRETARY_RE.match(printed)
        paren = PAREN_RE.search(printed)
        if paren:
            rec = auth.person(paren.group("who"))
            p.person_cert, how = "high", "the name in the heading"
        elif sm:
            holder = auth.office_holder("secretary", date)
            sig = signer[0] if signer else None
            if holder:
                hsg = auth.hsg_for_pocom(holder["pocom"])
                rec = auth.person(f"{holder['forename']} {holder['surname']}", hsg=hsg)
                agrees = sig and sig.split()[-1].lower() == (holder["surname"] or "").lower()
                p.person_cert = "high" if agrees else "medium"
                how = (f"the Secretary of State on {date[:10]} (chiefs-of-mission data)"
                       + (f", confirmed by {signer[1]}" if agrees else ""))
            elif sig:
                rec = auth.person(sig, hint="Secretary")
                p.person_cert, how = "medium", signer[1]
            else:
                rec = auth.person(printed)
                p.person_cert, how = "low", "the heading (no date to resolve the office)"
        else:
            rec = auth.person(printed, hint=_title_hint(printed))
            p.person_cert, how = ("high", f"the {p.evidence or 'heading'}")
        p.person_ref, p.person_evidence = rec.xml_id, "internal"
        p.sources.append(f"{'Sender' if role == 'sent' else 'Addressee'} {rec.name} from {how}.")
    if role == "sent" and not p.place:
        _sender_place(p, doc, auth)


def _title_hint(printed: str) -> str:
    m = re.match(r"^(?:the )?(President|Chairman|Premier|Ambassador|Secretary|Minister|Attorney General)", printed)
    return m.group(1) if m else ""


def _sender_place(p, doc, auth) -> None:
    """Where the sender wrote from, when no dateline says: a footnote telling where the series came
    from ('Dulte 10 from Paris, May 8'), or a foreign ambassador's post in Washington."""
    for note in doc.body.iter("note"):
        m = re.search(rf"\bfrom ([A-Z][a-z]+), {MONTHS_RE} \d", note.text())
        if m:
            p.place, p.place_cert = m.group(1), "low"
            p.sources.append(f"Place {m.group(1)} from a footnote on the document's own telegram series; cert low.")
            return
    rec = auth.records.get(p.person_ref or "")
    role = " ".join(filter(None, [rec.role if rec else None, doc.title]))
    if re.search(r"Embassy in the United States|Ambassador to the United States|Soviet Ambassador|"
                 r"Ambassador Dobrynin", role) and (rec is None or "Soviet" in role):
        p.place, p.place_cert = "Washington", "low"
        p.sources.append("Place Washington: the sender was ambassador in the United States; cert low.")


def mission_for(where: str) -> str:
    from .authority import MISSIONS, slug
    w = where.strip().rstrip(".")
    return MISSIONS.get(w.lower(), slug(w))
