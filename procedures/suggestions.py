"""Online-filing obligations suggested from an imported directive's text.

When the importer fills a draft from a document that says, for example, "Kể từ ngày 20/5/2022
... thủ tục hành chính nội bộ ... mức độ 3, 4 ... thực hiện theo hình thức trực tuyến", the
draft gets the obligation pre-filled on its "Nghĩa vụ nộp trực tuyến" panel and a warning asks
the editor to confirm it. A suggestion stays unconfirmed, and binds no procedure, until an
editor ticks "đã xác nhận", however the page is then published. A document imported straight
to publication gets the warning only.
"""

from procedures.models import Obligation
from procedures.parsing.obligations import ObligationSuggestion, suggest_obligations
from procedures.parsing.online import ONLINE_FULL, ONLINE_PARTIAL


def obligation_from(suggestion: ObligationSuggestion) -> Obligation:
    audience = set(suggestion.audience)
    levels = set(suggestion.online_levels)
    return Obligation(
        requirement=suggestion.requirement,
        starts_on=suggestion.starts_on,
        ends_on=suggestion.ends_on,
        for_citizens="citizen" in audience,
        for_businesses="business" in audience,
        for_internal="internal" in audience,
        level_full=ONLINE_FULL in levels,
        level_partial=ONLINE_PARTIAL in levels,
        evidence=suggestion.evidence,
        confirmed=False,
    )


def suggest_on_import(sender, page, text, warnings, publish, **kwargs) -> None:
    """Receiver of ``directives.importing.record_applied``."""
    suggestions = suggest_obligations(text)
    if not suggestions:
        return
    if publish:
        warnings.append(
            f"Văn bản có vẻ đặt ra {len(suggestions)} nghĩa vụ nộp trực tuyến nhưng đã được "
            "xuất bản ngay nên chưa gắn: hãy thêm ở mục 'Nghĩa vụ nộp trực tuyến'."
        )
        return
    if page.obligations.all():
        warnings.append(
            "Văn bản có vẻ đặt ra nghĩa vụ nộp trực tuyến; trang đã có nghĩa vụ nên giữ nguyên: "
            "hãy đối chiếu."
        )
        return
    page.obligations = [obligation_from(suggestion) for suggestion in suggestions]
    warnings.append(
        f"Đã đề xuất {len(suggestions)} nghĩa vụ nộp trực tuyến từ nội dung văn bản: kiểm tra "
        "ở mục 'Nghĩa vụ nộp trực tuyến' và đánh dấu 'đã xác nhận'; chưa xác nhận thì nghĩa vụ "
        "không áp dụng, kể cả khi văn bản đã xuất bản."
    )
