"""What an import may change on behalf of a person.

An import that finds the page an earlier import made writes a new revision into it, so it
must be held to the same rules as the page editor: the user may edit that page (Wagtail's
page permission policy, where an editor with only "add" rights edits the pages they own),
the page is not locked against them (a lock, a workflow task, a scheduled publication), and
it sits under the directive index the editor chose. Publishing needs the publish right.

The command without ``--user`` runs as the operator and is not checked here.
"""

from __future__ import annotations

import logging

from wagtail.models import Page

from directives.models import DirectivePage
from reading.errors import UserFacingError

logger = logging.getLogger("directives.importing")


class ImportForbidden(UserFacingError):
    """The user may not make this change; ``message_vi`` says why to the editor and
    ``log_detail`` to the operator."""


def _who(user) -> str:
    return f"user {user.pk} ({user.get_username()})"


def check_may_create(parent: Page, user, *, publish: bool) -> None:
    """Raise ``ImportForbidden`` unless ``user`` may add (and, if asked, publish) a directive
    under ``parent``."""
    rights = parent.permissions_for_user(user)
    if not rights.can_add_subpage():
        raise ImportForbidden(
            f"Bạn không có quyền thêm văn bản vào “{parent.title}”; chưa có gì được lưu.",
            f"{_who(user)} may not add pages under page {parent.pk}",
        )
    if publish and not rights.can_publish_subpage():
        raise ImportForbidden(
            f"Bạn không có quyền xuất bản văn bản trong “{parent.title}”; chưa có gì được lưu.",
            f"{_who(user)} may not publish pages under page {parent.pk}",
        )


def check_may_change(page: DirectivePage, parent: Page, user, *, publish: bool) -> None:
    """Raise ``ImportForbidden`` unless ``user`` may write a new revision of ``page`` (and
    publish it, if asked) as an import into ``parent``."""
    title = f"“{page.title}” (#{page.pk})"
    if not page.is_descendant_of(parent):
        raise ImportForbidden(
            f"Văn bản này đã có trên cổng ở trang {title}, nằm ngoài “{parent.title}” đang "
            "chọn; không cập nhật được từ đây. Chưa có gì được lưu.",
            f"{_who(user)}: page {page.pk} is not under the chosen parent {parent.pk}",
        )
    rights = page.permissions_for_user(user)
    if not rights.can_edit():
        raise ImportForbidden(
            f"Văn bản này đã có trên cổng ở trang {title} và bạn không có quyền sửa trang đó; "
            "chưa có gì được lưu. Hãy nhờ người phụ trách trang cập nhật.",
            f"{_who(user)} may not edit page {page.pk}",
        )
    if rights.page_locked():
        raise ImportForbidden(
            f"Trang {title} đang bị khóa (đang được người khác sửa, đang duyệt hoặc đã lên lịch "
            "xuất bản); chưa có gì được lưu. Hãy thử lại khi trang được mở khóa.",
            f"page {page.pk} is locked against {_who(user)}",
        )
    if publish and not rights.can_publish():
        raise ImportForbidden(
            f"Bạn không có quyền xuất bản trang {title}; chưa có gì được lưu.",
            f"{_who(user)} may not publish page {page.pk}",
        )
