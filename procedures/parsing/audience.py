"""Who files a procedure: citizens, businesses, or state bodies ("internal").

Shared by the spreadsheet reader ("Đối tượng" column) and the directive reader, which meets
the same words in running text. Checked longest phrase first, so "doanh nghiệp nhà nước"
(a state enterprise filing with a state body: internal) never counts as a business.
"""

import re

from vntext import fold

CITIZEN = "citizen"
BUSINESS = "business"
INTERNAL = "internal"

_PHRASES: tuple[tuple[str, str], ...] = (
    ("doanh nghiep nha nuoc", INTERNAL),
    ("to chuc chinh tri - xa hoi", INTERNAL),
    ("to chuc chinh tri xa hoi", INTERNAL),
    ("co quan nha nuoc", INTERNAL),
    ("co quan hanh chinh nha nuoc", INTERNAL),
    ("don vi su nghiep cong lap", INTERNAL),
    ("noi bo", INTERNAL),
    ("can bo, cong chuc", INTERNAL),
    ("cong dan", CITIZEN),
    ("ca nhan", CITIZEN),
    ("nguoi dan", CITIZEN),
    ("ho gia dinh", CITIZEN),
    ("doanh nghiep", BUSINESS),
    ("ho kinh doanh", BUSINESS),
    ("hop tac xa", BUSINESS),
    ("to chuc kinh te", BUSINESS),
    ("nha dau tu", BUSINESS),
)


def audiences_in(text: str | None) -> list[str]:
    """The audiences ``text`` names, in the order citizen, business, internal."""
    remaining = re.sub(r"\s+", " ", fold(text or ""))
    found: set[str] = set()
    for phrase, audience in _PHRASES:
        if phrase in remaining:
            found.add(audience)
            remaining = remaining.replace(phrase, " ")
    return [audience for audience in (CITIZEN, BUSINESS, INTERNAL) if audience in found]
