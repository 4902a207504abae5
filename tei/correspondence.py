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
