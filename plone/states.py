"""Dates and states: whether a page is published, scheduled, expired, pending or private,
and the dates it keeps from Plone."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from wagtail.models import Page, Revision

from directives.importing import publish_new_page
from plone.reading import PloneItem as Item


class StatesMixin:
    """The state and dates of each page of a ``PloneImport`` run."""

    def _save_state(self, page: Page, item: Item, state: str, updating: bool, messages: list[str]):
        now = timezone.now()
        expired = bool(item.expires and item.expires <= now)
        publish = publishes(item, state)
        if not updating and publish:
            return publish_new_page(page, self.user)
        if updating and not page.live:
            page.save(clean=False)
        revision = page.save_revision(user=self.user, log_action=updating, clean=False)
        if publish or (state == "published" and page.go_live_at and not expired):
            revision.publish(user=self.user, log_action=updating, skip_permission_checks=True)
        elif page.live:
            page.unpublish(user=self.user, log_action=updating)
        if expired and state == "published":
            Page.objects.filter(pk=page.pk).update(expired=True, live=False)
            messages.append("đã hết hiệu lực (expires) khi xuất: nhập ở trạng thái hết hạn")
        if state == "pending":
            workflow = page.get_workflow()
            if workflow is None:
                messages.append(
                    "chờ duyệt trên Plone nhưng cổng chưa có quy trình duyệt: để bản nháp"
                )
            elif page.current_workflow_state is None:
                workflow.start(page, self.user or self._owner(item))
                messages.append("gửi duyệt theo quy trình của cổng")
        elif state == "private":
            messages.append("riêng tư trên Plone: bản nháp chưa xuất bản")
        return revision

    def _keep_dates(self, page: Page, item: Item, revision, state: str) -> None:
        dates, modified = kept_dates(item, state)
        Page.objects.filter(pk=page.pk).update(**dates)
        if revision is not None and modified:
            Revision.objects.filter(pk=revision.pk).update(created_at=modified)


def publishes(item: Item, state: str) -> bool:
    """Whether the item's page is published now: published on Plone, not expired, and not
    scheduled for later."""
    now = timezone.now()
    expired = bool(item.expires and item.expires <= now)
    return state == "published" and not expired and not (item.effective and item.effective > now)


def kept_dates(item: Item, state: str) -> tuple[dict, datetime | None]:
    """The page's dates from Plone (published, last published, last changed), and the date
    its revision keeps (None: the moment of the import)."""
    modified = item.modified or item.created
    was_published = state == "published" and (
        item.effective is None or item.effective <= timezone.now()
    )
    published_at = (item.effective or item.created) if was_published else None
    dates = {
        "first_published_at": published_at,
        "last_published_at": modified if was_published else None,
        "latest_revision_created_at": modified,
    }
    return dates, modified
