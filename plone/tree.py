"""The tree: where an item's page goes, free slugs, default pages and Plone's order of
children."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.text import slugify

from wagtail.models import Page

from directives.importing import publish_new_page
from directives.models import DirectiveIndexPage
from news.models import NewsIndexPage
from plone import mapping
from plone.items import ItemFailed
from plone.mapping import PAGE_KINDS
from plone.reading import PloneItem as Item

logger = logging.getLogger("plone.importer")


class TreeMixin:
    """The tree of a ``PloneImport`` run."""

    def _parent_page(self, item: Item, kind: str) -> tuple[Page, bool]:
        """The page an item goes under, and whether that is another than its folder's."""
        parent_uid = self.uid_by_path.get(item.parent_path or "/")
        if item.parent_path in (None, "/"):
            parent_page, parent_kind = self.parent, mapping.SECTION
        elif parent_uid is None or parent_uid not in self.made:
            raise ItemFailed(
                f"Thư mục chứa mục này ({item.parent_path}) không có trong bản xuất hoặc "
                "không nhập được; mục không được tạo."
            )
        else:
            made = self.made[parent_uid]
            if made.pk not in self.parents:
                self.parents[made.pk] = Page.objects.get(pk=made.pk)
            parent_page, parent_kind = self.parents[made.pk], made.kind
        where = mapping.placement(kind, parent_kind)
        if where == "parent":
            return parent_page, False
        return self._fallback_index(where), True

    def _fallback_index(self, which: str) -> Page:
        """The site's directive (or news) list, for directives and news whose Plone folder
        also holds other kinds of page; made under the import's parent when the site has
        none."""
        if which in self.fallback_index:
            return self.fallback_index[which]
        model, title, slug = (
            (DirectiveIndexPage, "Văn bản", "van-ban")
            if which == "directives"
            else (NewsIndexPage, "Tin tức", "tin-tuc")
        )
        site = self.parent.get_site()
        root = site.root_page if site else self.parent
        page = model.objects.descendant_of(root, inclusive=True).order_by("path").first()
        if page is None:
            page = model(title=title, slug=self._free_slug(self.parent, slug))
            self.parent.add_child(instance=page)
            publish_new_page(page, self.user)
        self.fallback_index[which] = page
        return page

    def _free_slug(self, parent: Page, wanted: str) -> str:
        """A slug under ``parent`` that neither a child nor a page waiting in the stage has."""
        base = slugify(wanted)[:240] or "trang"
        siblings = parent.get_children().filter(slug__startswith=base)
        taken = set(siblings.values_list("slug", flat=True))
        if self.stage:
            taken |= self.stage.slugs_under(parent.pk)
        slug, serial = base, 1
        while slug in taken:
            serial += 1
            slug = f"{base}-{serial}"
        return slug

    def _default_pages(self) -> None:
        for folder_uid, page_uid in self.export.default_pages.items():
            folder, default = self.made.get(folder_uid), self.made.get(page_uid)
            if folder is None or default is None or folder.kind not in PAGE_KINDS:
                continue
            if folder_uid not in self.changed and page_uid not in self.changed:
                continue
            section = Page.objects.get(pk=folder.pk).specific
            shown = Page.objects.get(pk=default.pk).specific
            body = getattr(shown, "body", "") or ""
            if hasattr(section, "intro") and body and section.intro != body:
                section.intro = body
                with transaction.atomic():
                    self._amend(section, {"intro"})

    def _order_children(self) -> None:
        """Children in Plone's order: the imported children of each page that received one
        in this run, sorted by Plone's positions, after the pages that were there before."""
        positions = {
            made.pk: self.entries[uid].position
            for uid, made in self.made.items()
            if made.kind in PAGE_KINDS and self.entries[uid].position is not None
        }
        changed = [self.made[uid].pk for uid in self.changed if self.made[uid].kind in PAGE_KINDS]
        parent_paths: set[str] = set()
        for start in range(0, len(changed), 1000):
            paths = Page.objects.filter(pk__in=changed[start : start + 1000])
            parent_paths |= {path[: -Page.steplen] for path in paths.values_list("path", flat=True)}
        parents = set(Page.objects.filter(path__in=parent_paths).values_list("pk", flat=True))
        for parent_pk in sorted(parents):
            # Read now: reordering a section above rewrites the paths below it.
            parent_path = Page.objects.values_list("path", flat=True).get(pk=parent_pk)
            children = list(
                Page.objects.filter(
                    path__startswith=parent_path, depth=len(parent_path) // Page.steplen + 1
                )
                .order_by("path")
                .values_list("pk", "path")
            )
            others = [pk for pk, _path in children if pk not in positions]
            imported = sorted(
                (pk for pk, _path in children if pk in positions), key=lambda pk: positions[pk]
            )
            wanted = others + imported
            if wanted != [pk for pk, _path in children]:
                with transaction.atomic():
                    reorder_children(parent_path, children, wanted)


def reorder_children(parent_path: str, children: list[tuple[int, str]], wanted: list[int]) -> None:
    """Give ``children`` (pk, path) of the page at ``parent_path`` the order ``wanted`` by
    rewriting the paths of their subtrees: two UPDATEs per child (first past the last
    position, then into place), where moving them one by one shifts every later sibling
    each time. The leading children already in place stay. Siblings trade places, so no
    URL changes."""
    depth = len(parent_path) // Page.steplen + 1
    paths = dict(children)
    last = max(Page._str2int(path[-Page.steplen :]) for path in paths.values())
    kept = 0
    while kept < len(wanted) and paths[wanted[kept]] == Page._get_path(
        parent_path, depth, kept + 1
    ):
        kept += 1
    for phase, offset in (("aside", last), ("place", 0)):
        for position, pk in enumerate(wanted[kept:], kept + 1):
            new = Page._get_path(parent_path, depth, offset + position)
            old = paths[pk]
            subtree(Page.objects.all(), old).update(
                path=Concat(Value(new), Substr("path", len(old) + 1))
            )
            paths[pk] = new
        logger.debug("children of %s %s", parent_path, phase)


def subtree(pages, path: str):
    """The pages at ``path`` and below, as a range of paths: a ``LIKE 'path%'`` cannot use
    the path's index on SQLite, and a reorder runs it twice per child."""
    return pages.filter(path__gte=path, path__lte=path + Page.alphabet[-1] * (255 - len(path)))
