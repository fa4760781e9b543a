"""The site as files: every live public page as ``DIR/<address>/index.html``, the feeds,
the sitemap and robots.txt, for nginx to serve without the application.

Each page is fetched through the whole application (Django's test client on the site's own
host name, as an anonymous reader), so a file is exactly what a visitor would have been sent.
Every file is written to a temporary name in its folder and renamed over the old one, so nginx
never serves half a file. ``DIR/.portal-static.json`` lists the files written; a full run removes
the files of pages that are no longer public.

With ``PORTAL_STATIC_DIR`` set, ``connect_signals`` keeps the folder in step: after a page is
published, unpublished, moved or deleted (once the transaction has committed), its file is
written or removed, and the pages that show it are written again (its ancestors' lists, the
directives it cites and that cite it, the news items about it, the feeds and the sitemap).
Site-wide changes (site settings, the footer, an agency renamed) need a full run:
``manage.py publish_static DIR``, for instance from the scheduled jobs.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.test import Client

from wagtail.models import Page, Site
from wagtail.signals import post_page_move, published, unpublished

from search.visibility import public_pages

logger = logging.getLogger(__name__)

MANIFEST = ".portal-static.json"
# What besides the pages is written: (address, file under DIR).
EXTRA = [
    ("/robots.txt", "robots.txt"),
    ("/sitemap.xml", "sitemap.xml"),
    ("/nguon-tin/van-ban/", "nguon-tin/van-ban/index.xml"),
    ("/nguon-tin/tin-tuc/", "nguon-tin/tin-tuc/index.xml"),
    ("/nguon-tin/thu-tuc/", "nguon-tin/thu-tuc/index.xml"),
]


class StaticPublishError(Exception):
    """A page or a file could not be written; the message says which, in Vietnamese."""


def write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def file_for(address: str) -> str:
    """``/van-ban/cong-van-1/`` → ``van-ban/cong-van-1/index.html``."""
    relative = address.strip("/")
    return f"{relative}/index.html" if relative else "index.html"


class Publisher:
    """Writes pages of one site into ``folder``."""

    def __init__(self, folder: Path | str, site: Site | None = None):
        self.folder = Path(folder)
        self.site = site or Site.objects.get(is_default_site=True)
        host = self.site.hostname
        self.client = Client(
            HTTP_HOST=host if self.site.port in (80, 443) else f"{host}:{self.site.port}"
        )
        self.client.raise_request_exception = False

    def address(self, page: Page) -> str | None:
        parts = page.get_url_parts()
        if parts is None:
            return None
        site_id, _root, path = parts
        return path if site_id == self.site.pk else None

    def fetch(self, address: str) -> bytes | None:
        # As the visitor would ask for it: over HTTPS where the site redirects HTTP.
        response = self.client.get(address, secure=bool(settings.SECURE_SSL_REDIRECT))
        if response.status_code != 200:
            logger.warning(
                "publish_static: %s answered %s, not written", address, response.status_code
            )
            return None
        return b"".join(response) if response.streaming else response.content

    def write(self, address: str, name: str) -> bool:
        content = self.fetch(address)
        if content is None:
            return False
        write_atomically(self.folder / name, content)
        return True

    def remove(self, name: str) -> None:
        (self.folder / name).unlink(missing_ok=True)

    def public_pages(self) -> Iterable[Page]:
        root = self.site.root_page
        return public_pages(Page.objects.descendant_of(root, inclusive=True)).specific()

    def publish_pages(self, pages: Iterable[Page]) -> list[str]:
        written = []
        for page in pages:
            address = self.address(page)
            if address and self.write(address, file_for(address)):
                written.append(file_for(address))
        return written

    def publish_extras(self) -> list[str]:
        written = [name for address, name in EXTRA if self.write(address, name)]
        from syndication.sitemaps import SITEMAPS

        for section in SITEMAPS:
            name = f"sitemap-{section}.xml"
            if self.write(f"/{name}", name):
                written.append(name)
        return written

    def static_pointer(self) -> None:
        """``DIR/static`` points at the collected static files (STATIC_ROOT)."""
        link = self.folder / "static"
        target = Path(settings.STATIC_ROOT)
        if link.is_symlink() and Path(os.readlink(link)) == target:
            return
        temporary = self.folder / ".tmp-static"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(target, target_is_directory=True)
        os.replace(temporary, link)

    def manifest(self) -> set[str]:
        try:
            return set(json.loads((self.folder / MANIFEST).read_text()))
        except (OSError, ValueError):
            return set()

    def save_manifest(self, names: set[str]) -> None:
        write_atomically(self.folder / MANIFEST, json.dumps(sorted(names), indent=0).encode())

    def publish_all(self) -> tuple[int, int]:
        """Every public page and the extras; files of pages gone since the last run removed.
        Returns (files written, files removed)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        written = set(self.publish_pages(self.public_pages()))
        written |= set(self.publish_extras())
        self.static_pointer()
        gone = self.manifest() - written
        for name in gone:
            self.remove(name)
        self.save_manifest(written)
        return len(written), len(gone)

    def update(self, page: Page, *, removed_address: str | None = None) -> None:
        """After one page's change: its file written or removed, the pages that show it and
        the extras written again."""
        names = self.manifest()
        if removed_address is not None:
            name = file_for(removed_address)
            self.remove(name)
            names.discard(name)
        affected = [*related_pages(page)]
        public = set(
            public_pages(Page.objects.filter(pk__in=[p.pk for p in affected])).values_list(
                "pk", flat=True
            )
        )
        for other in affected:
            address = self.address(other)
            if not address:
                continue
            if other.pk in public:
                if self.write(address, file_for(address)):
                    names.add(file_for(address))
            elif other.pk == page.pk:
                self.remove(file_for(address))
                names.discard(file_for(address))
        names |= set(self.publish_extras())
        self.save_manifest(names)


def related_pages(page: Page) -> list[Page]:
    """The page, its ancestors (lists and the home page), and the pages that show it."""
    from directives.models import DirectivePage
    from news.models import NewsPage

    found: dict[int, Page] = {page.pk: page}
    for ancestor in Page.objects.ancestor_of(page).filter(depth__gt=1):
        found[ancestor.pk] = ancestor
    specific = page.specific
    if isinstance(specific, DirectivePage):
        showing = DirectivePage.objects.filter(references__target=specific)
        if specific.number_key:
            showing = showing | DirectivePage.objects.filter(
                references__number_key=specific.number_key
            )
        cited = DirectivePage.objects.filter(citations__page=specific)
        news = NewsPage.objects.filter(target=specific)
        for other in [*showing.distinct(), *cited.distinct(), *news]:
            found[other.pk] = other
    return list(found.values())


# Keeping DIR in step.


def _folder() -> str:
    return getattr(settings, "PORTAL_STATIC_DIR", "") or ""


def _after_commit(work) -> None:
    def run() -> None:
        try:
            work(Publisher(_folder()))
        except Exception:  # the publication happened; the files catch up on the next full run
            logger.exception("publish_static: could not bring %s up to date", _folder())

    transaction.on_commit(run)


def _published(sender, instance, **kwargs) -> None:
    if _folder() and isinstance(instance, Page):
        _after_commit(lambda publisher: publisher.update(instance))


def _unpublished(sender, instance, **kwargs) -> None:
    if _folder() and isinstance(instance, Page):  # no longer public: ``update`` removes its file
        _after_commit(lambda publisher: publisher.update(instance))


def _moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs) -> None:
    if not _folder() or url_path_before == url_path_after:
        return

    def work(publisher: Publisher) -> None:
        root = publisher.site.root_page.url_path
        if url_path_before.startswith(root):  # the old address and everything below it
            prefix = file_for("/" + url_path_before[len(root) :]).removesuffix("index.html")
            kept = publisher.manifest()
            for name in [name for name in kept if name.startswith(prefix)]:
                publisher.remove(name)
                kept.discard(name)
            publisher.save_manifest(kept)
        for page in [instance, *Page.objects.descendant_of(instance).live()]:
            publisher.update(page)

    _after_commit(work)


def _deleted(sender, instance, **kwargs) -> None:
    if not _folder() or not isinstance(instance, Page):
        return
    address_path = instance.url_path

    def work(publisher: Publisher) -> None:
        root = publisher.site.root_page.url_path
        if address_path.startswith(root):
            name = file_for("/" + address_path[len(root) :])
            publisher.remove(name)
            publisher.save_manifest(publisher.manifest() - {name})
        parent = Page.objects.filter(path=instance.path[: -Page.steplen]).first()
        if parent is not None:
            publisher.update(parent)

    _after_commit(work)


def connect_signals() -> None:
    from django.db.models.signals import post_delete

    # After ``page_published``/``page_unpublished`` and their receivers (the citation resolver
    # links the pages that cite it), so the pages written show the links.
    published.connect(_published, dispatch_uid="static-publish-published")
    unpublished.connect(_unpublished, dispatch_uid="static-publish-unpublished")
    post_page_move.connect(_moved, dispatch_uid="static-publish-moved")
    post_delete.connect(_deleted, dispatch_uid="static-publish-deleted")
