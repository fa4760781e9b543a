"""Every old address of an item as a permanent redirect to what it became."""

from __future__ import annotations

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from plone import mapping
from plone.items import Made
from plone.mapping import PAGE_KINDS
from plone.reading import PloneItem as Item


class RedirectsMixin:
    """The redirects of a ``PloneImport`` run."""

    def _redirect_old_paths(self, item: Item, made: Made, page: Page | None = None) -> None:
        """The item's old address, and those of its file's views, answer with a permanent
        redirect to what it became (``page``, when it is a page)."""
        if made.kind in PAGE_KINDS:
            page = page or Page.objects.get(pk=made.pk).specific
            self._redirect([item.path], page=page, item=item)
            image_id = getattr(page, "image_id", None)
            if made.kind == mapping.NEWS and image_id:
                self._redirect(image_paths(item.path), link=self._image_url(image_id), item=item)
            return
        link = self._object_url((made.kind, made.pk))
        if made.kind == mapping.DOCUMENT:
            suffixes = ("", "/@@download/file", "/view", "/@@display-file/file")
            self._redirect([item.path + suffix for suffix in suffixes], link=link, item=item)
        else:
            self._redirect([item.path, *image_paths(item.path)], link=link, item=item)

    def _redirect(
        self, old_paths: list[str], *, page: Page | None = None, link: str | None = None, item=None
    ) -> None:
        """Permanent redirects from ``old_paths`` to ``page`` or to the address ``link``."""
        if page is None and not link:
            return
        new_path = Redirect.normalise_path(page.url or "") if page is not None else None
        wanted = {}
        for old_path in old_paths:
            normalised = Redirect.normalise_path(old_path)
            if len(normalised) > 255:
                self.report.add_problem(
                    f"Địa chỉ cũ dài hơn 255 ký tự, không tạo được chuyển hướng: {old_path}",
                    path=item.path if item else old_path,
                    kind="redirect",
                )
                break
            if normalised != new_path:  # a page at its old address needs none
                wanted[normalised] = old_path
        if not wanted:
            return
        values = {
            "is_permanent": True,
            "redirect_page": page,
            "redirect_link": "" if page is not None else link,
        }
        self.report.redirects += len(wanted)
        if self.redirect_batch is not None:
            self.redirect_batch.update(dict.fromkeys(wanted, values))
            return
        existing = Redirect.objects.filter(site=None, old_path__in=list(wanted))
        Redirect.objects.filter(pk__in=[redirect.pk for redirect in existing]).update(**values)
        known = {redirect.old_path for redirect in existing}
        Redirect.objects.bulk_create(
            [Redirect(old_path=path, site=None, **values) for path in wanted if path not in known]
        )

    @staticmethod
    def _write_redirects(wanted: dict[str, dict]) -> None:
        """Redirects collected for many items (old path: values), in a few statements."""
        paths = list(wanted)
        known = set()
        for start in range(0, len(paths), 500):
            existing = Redirect.objects.filter(site=None, old_path__in=paths[start : start + 500])
            for pk, old_path in existing.values_list("pk", "old_path"):
                Redirect.objects.filter(pk=pk).update(**wanted[old_path])  # a re-run: rare
                known.add(old_path)
        Redirect.objects.bulk_create(
            [
                Redirect(old_path=path, site=None, **values)
                for path, values in wanted.items()
                if path not in known
            ]
        )


def image_paths(path: str) -> list[str]:
    """The addresses Plone serves an image field under: its views and scales."""
    views = ("/view", "/@@images/image", "/image_view_fullscreen", "/@@download/image")
    return [path + view for view in views] + [
        f"{path}/@@images/image/{scale}" for scale in IMAGE_SCALES
    ]


IMAGE_SCALES = (
    "large",
    "preview",
    "mini",
    "thumb",
    "tile",
    "icon",
    "listing",
    "huge",
    "great",
    "larger",
    "teaser",
)
