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
