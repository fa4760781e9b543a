"""How a document stands to one it cites: it is based on it, implements, amends, replaces,
repeals or guides it, or merely cites it.

Decree 30/2020/NĐ-CP gives the words: a Quyết định opens with "Căn cứ ..." clauses, one per
cited document, each ending with ";"; a letter "Thực hiện" or "Triển khai" a document; the
operative articles "sửa đổi, bổ sung", "thay thế" or "bãi bỏ" one. The word counts in the
clause of the citation (it ends at ";" or a full stop), before the number and after any other
citation of that clause, within a few words of the number. A verb in the passive ("được sửa đổi,
bổ sung bởi Luật số ...") or in a cited document's title ("Nghị định số 1 của Chính phủ sửa
đổi Nghị định số 2", "Luật sửa đổi, bổ sung ... số 3") is not the citing document's act. The keys are those of ``directives.vocabulary.Relation``.
"""

from __future__ import annotations

import re

from vntext import fold

CITES = "dan-chieu"
BASED_ON = "can-cu"
IMPLEMENTS = "thuc-hien"
AMENDS = "sua-doi"
REPLACES = "thay-the"
REPEALS = "bai-bo"
GUIDES = "huong-dan"

# Verbs of the citing document's act, on folded text; the one that ends last before the number
# wins, the first listed when two end together ("hướng dẫn thực hiện" guides).
_VERBS = (
    (re.compile(r"(?<!\w)(?:sua doi(?:,? bo sung)?|dinh chinh)(?!\w)"), AMENDS),
    (re.compile(r"(?<!\w)thay the(?!\w)"), REPLACES),
    (re.compile(r"(?<!\w)(?:bai bo|huy bo|het hieu luc)(?!\w)"), REPEALS),
    (re.compile(r"(?<!\w)(?:huong dan thi hanh|huong dan thuc hien)(?!\w)"), GUIDES),
    (re.compile(r"(?<!\w)(?:thuc hien|trien khai|thi hanh)(?!\w)"), IMPLEMENTS),
)
_BASED_ON_RE = re.compile(r"^\W*can cu(?!\w)")
# "được sửa đổi bởi", "đã được thay thế tại": the act of another document.
_PASSIVE_BEFORE_RE = re.compile(r"(?<!\w)(?:duoc|bi|da)\s+(?:\w+\s+){0,2}$")
_PASSIVE_AFTER_RE = re.compile(r"^[\w\s,]{0,20}(?<!\w)(?:boi|tai)(?!\w)")
# A title of the cited document: what follows it names that document's act.
_TITLE_RE = re.compile(r"(?<!\w)(?:ve viec|v/v|ve|quy dinh|ban hanh)(?!\w)")
# A kind word right before the verb makes it a title: "Nghị định sửa đổi, bổ sung ...".
_KIND_BEFORE_RE = re.compile(
    r"(?<!\w)(?:luat|phap lenh|nghi dinh|nghi quyet|quyet dinh|thong tu|chi thi|ke hoach"
    r"|cong van|van ban|huong dan|de an|chuong trinh)\s+$"
)
# Where a clause ends: a semicolon, a full stop or colon followed by a space, a parenthesis or
# a table cell's edge.
CLAUSE_END_RE = re.compile(r"[;()|]|[.:](?=\s)")
# How many words may stand between the verb and the number ("Bãi bỏ một phần khoản 2 Điều 1
# của Thông tư số ..."); further away, the verb is of another phrase.
_VERB_REACH = 10


def clause_start(paragraph: str, position: int) -> int:
    """Where the clause holding ``position`` starts."""
    ends = list(CLAUSE_END_RE.finditer(paragraph, 0, position))
    return ends[-1].end() if ends else 0


# A citation joined to the one before it ("Chỉ thị số 1 ... và Công văn số 2") shares its
# relation, unless the words between are that document's title.
_JOINED_RE = re.compile(r"^\s*(?:,|va|hoac|cung)(?!\w)")


def joins_previous(lead: str) -> bool:
    """True when ``lead``, the words after a citation, add another to the same act."""
    folded = fold(lead)
    return bool(_JOINED_RE.match(folded)) and not _TITLE_RE.search(folded)


def relation_of(lead: str, clause: str, *, after_citation: bool) -> str:
    """The relation named by ``lead``, the text between the clause's start (or the clause's
    previous citation, when ``after_citation``) and the cited number; ``clause`` is the
    clause's text up to the number."""
    if _BASED_ON_RE.match(fold(clause)):
        return BASED_ON  # "Căn cứ Luật sửa đổi, bổ sung ... số ...": a title, not an act
    if after_citation:
        return CITES  # "Nghị định số 1 của Chính phủ sửa đổi Nghị định số 2": the first one's act
    folded = fold(lead)
    found: tuple[int, str] | None = None
    for pattern, relation in _VERBS:
        for match in pattern.finditer(folded):
            if _PASSIVE_BEFORE_RE.search(folded[: match.start()]):
                continue
            if _PASSIVE_AFTER_RE.match(folded[match.end() :]):
                continue
            if _KIND_BEFORE_RE.search(folded[: match.start()]):
                continue
            if len(folded[match.end() :].split()) > _VERB_REACH:
                continue
            if found is None or match.end() > found[0]:
                found = (match.end(), relation)
    return found[1] if found is not None else CITES


# Which relation says more when a document is cited twice ("căn cứ" then "thay thế").
STRENGTH = {CITES: 0, BASED_ON: 1, IMPLEMENTS: 2, GUIDES: 3, AMENDS: 4, REPEALS: 5, REPLACES: 6}
