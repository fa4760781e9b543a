"""The Plone import's bulk write of new published pages (plone.bulk): the pages it writes
carry what the one-by-one path gives them, and a chunk whose write fails is made again one
by one with nothing left twice."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from django.db import DatabaseError
from django.db.models.signals import pre_save

from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from news.models import NewsPage
from plone.models import PloneItem
from tests.plone.test_import import run_import


@pytest.fixture
def plone_corpus(corpus) -> Path:
    return corpus / "plone"


@pytest.mark.django_db
def test_bulk_pages_have_one_revision_and_the_usual_history(site, plone_corpus):
    """Each new live page: live on its one revision, created and published in its history,
    in the tree under its parent with a URL; the tree's counts right."""
    report = run_import(plone_corpus / "plone-exportimport")
    assert report["counts"]["failed"] == 0, report["problems"]
    live = [
        line["id"]
        for line in report["items"]
        if line["kind"] not in ("document", "image") and Page.objects.get(pk=line["id"]).live
    ]
    assert live
    for page in Page.objects.filter(pk__in=live):
        assert page.live_revision_id == page.latest_revision_id
        assert Revision.objects.filter(object_id=str(page.pk)).count() == 1
        actions = list(
            PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)
        )
        assert actions.count("wagtail.publish") == 1
        assert "wagtail.create" in actions
        assert page.url
        assert page.get_parent().numchild == page.get_parent().get_children().count()
    # Bad characters, step lengths, orphans, depths, child counts: none.
    assert not any(Page.find_problems())


@pytest.mark.django_db
def test_failed_bulk_write_makes_the_chunk_again_one_by_one(site, plone_corpus, caplog):
    """The first bulk write fails: the chunk is rolled back and made one by one; the result
    is the same import, with no image or page made twice."""
    failures = []

    def fail_once(sender, instance, **kwargs):
        if not failures:
            failures.append(instance)
            raise DatabaseError("injected: the bulk write fails once")

    pre_save.connect(fail_once, sender=Revision, dispatch_uid="test_bulk.fail_once")
    try:
        with caplog.at_level(logging.ERROR, logger="plone.importer"):
            report = run_import(plone_corpus / "plone-exportimport")
    finally:
        pre_save.disconnect(dispatch_uid="test_bulk.fail_once", sender=Revision)
    assert failures
    assert "rolled back" in caplog.text
    assert report["counts"]["failed"] == 0, report["problems"]
    assert report["counts"]["created"] == 30
    assert PloneItem.objects.count() == 30
    made_images = {line["id"] for line in report["items"] if line["kind"] == "image"}
    news_images = set(NewsPage.objects.exclude(image=None).values_list("image_id", flat=True))
    assert get_image_model().objects.count() == len(made_images | news_images)
    pages = [line["id"] for line in report["items"] if line["kind"] not in ("document", "image")]
    assert Page.objects.filter(pk__in=pages).count() == len(pages)
