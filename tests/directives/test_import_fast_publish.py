"""A page the batch import publishes from the object in memory (``publish_new_page``) is the
page Wagtail's own publish would leave: the same for a reader (live, url, search hit,
citations) and for an editor (revision, live_revision, owner, dates, history)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import PageLogEntry

from bench.directive_corpus import DirectiveGenerator, document_text
from directives.models import DirectivePage, DirectiveReference
from search import service

# Row identities and bookkeeping that differ between any two imports of the same text
# (primary keys, tree position, translation key, creation time); everything else in the revision must match.
_IDENTITY_KEYS = {
    "pk",
    "id",
    "page",
    "path",
    "document",
    "translation_key",
    "latest_revision_created_at",
    "live_revision",
    "latest_revision",
    "first_published_at",  # checked on their own: set, and equal to each other
    "last_published_at",
}


def _content(value):
    """A revision's JSON without the keys that name rows rather than content."""
    if isinstance(value, dict):
        return {key: _content(item) for key, item in value.items() if key not in _IDENTITY_KEYS}
    if isinstance(value, list):
        return [_content(item) for item in value]
    return value


def _seen(page: DirectivePage, numbers: dict[int, str]) -> dict:
    """What a reader and an editor see of ``page``; ``numbers`` names pages by number so two
    runs with different primary keys compare."""
    page = DirectivePage.objects.get(pk=page.pk)
    latest = page.get_latest_revision()
    hits = service.search(service.understand(page.number)).hits
    return {
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "live_is_latest": page.live_revision_id == latest.pk == page.latest_revision_id,
        "revisions": page.revisions.count(),
        "revision_user": latest.user.username,
        "revision_content": _content(latest.content),
        "revision_object": _content(latest.as_object().serializable_data()),
        "owner": page.owner.username,
        "published_dates": (
            page.first_published_at is not None
            and page.first_published_at == page.last_published_at
        ),
        "draft_title": page.draft_title == page.title,
        "url": page.get_url(),
        "top_hit": numbers.get(hits[0].page_id) if hits else None,
        "cites": sorted(
            (ref.number, numbers.get(ref.target_id))
            for ref in DirectiveReference.objects.filter(page=page)
        ),
        "cited_by": sorted(
            numbers[ref.page_id] for ref in DirectiveReference.objects.filter(target=page)
        ),
        "history": sorted(
            PageLogEntry.objects.filter(page=page).values_list("action", "user__username")
        ),
    }


def _snapshot() -> dict[str, dict]:
    pages = list(DirectivePage.objects.all())
    numbers = {page.pk: page.number for page in pages}
    return {page.number: _seen(page, numbers) for page in pages}


def test_a_batch_published_page_equals_one_published_the_ordinary_way(site, tmp_path: Path):
    get_user_model().objects.create_superuser("bientap", "bientap@example.org", "x")
    # Each generated document cites earlier ones: citations link both ways within the run.
    files = []
    for serial, directive in enumerate(DirectiveGenerator(seed=11).generate(6)):
        path = tmp_path / f"van-ban-{serial}.txt"
        path.write_text(document_text(directive), encoding="utf-8")
        files.append(str(path))

    call_command("import_directives", *files, "--publish", "--user", "bientap", verbosity=0)
    batch = _snapshot()
    assert batch and all(seen["live"] and seen["live_is_latest"] for seen in batch.values())
    assert any(seen["cited_by"] for seen in batch.values())

    # The ordinary way: drafts, then Wagtail's publish of each latest revision, in order.
    for page in DirectivePage.objects.all():
        page.delete()
    call_command("import_directives", *files, "--user", "bientap", verbosity=0)
    user = get_user_model().objects.get(username="bientap")
    for page in DirectivePage.objects.order_by("pk"):
        assert not page.live
        page.get_latest_revision().publish(user=user)
    ordinary = _snapshot()

    assert batch.keys() == ordinary.keys()
    for number, seen in batch.items():
        for aspect, value in seen.items():
            assert value == ordinary[number][aspect], (number, aspect)
