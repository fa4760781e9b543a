"""What the data migrations that gave every cited document one shape
(``directives.citations.CitedDocument``) do to rows already in the database.

Kept apart from the runtime code and given historical models (``apps``), so a migration keeps
doing what it did when it was written: nothing here reads today's models. Four things:

- add the columns a cited document has and a citing model lacked (as they were then);
- fill the number the resolver links by (``number_key``) from the number as written, else from
  the linked page; an online level written only as a sentence gets its number from the text;
- link the rows that wait for a number already published, as the resolver would have;
- rename the fields inside stored revisions, so publishing a draft or an older revision made
  before the rename keeps its link and its citation text instead of dropping them.
"""

from __future__ import annotations

from django.db import migrations, models

from vntext import first_number, number_key

RELATIONS = [
    ("dan-chieu", "Dẫn chiếu"),
    ("can-cu", "Căn cứ"),
    ("thuc-hien", "Thực hiện"),
    ("sua-doi", "Sửa đổi, bổ sung"),
    ("thay-the", "Thay thế"),
    ("bai-bo", "Bãi bỏ"),
    ("huong-dan", "Hướng dẫn"),
]


def cited_fields() -> dict[str, models.Field]:
    """The columns of a cited document besides its link and citation text, as first added."""
    return {
        "cited_on": models.DateField(blank=True, null=True, verbose_name="ngày"),
        "doc_type": models.CharField(
            blank=True, max_length=64, verbose_name="loại văn bản (như văn bản ghi)"
        ),
        "number": models.CharField(blank=True, max_length=64, verbose_name="số, ký hiệu"),
        "number_key": models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        "relation": models.CharField(
            choices=RELATIONS, default="dan-chieu", max_length=16, verbose_name="quan hệ"
        ),
    }


def add_cited_fields(model_name: str, *, having=()) -> list[migrations.AddField]:
    """``AddField`` for each column of ``cited_fields`` the model does not have yet."""
    return [
        migrations.AddField(model_name=model_name, name=name, field=field)
        for name, field in cited_fields().items()
        if name not in having
    ]


def fill_numbers(apps, app_label: str, model_name: str, *, from_text: bool = False) -> None:
    """Give every row its ``number_key`` (and, with ``from_text``, its ``number`` read from the
    citation sentence when none was written)."""
    model = apps.get_model(app_label, model_name)
    for row in model.objects.select_related("target").iterator():
        number = row.number or (first_number(row.citation) if from_text else "")
        key = number_key(number or (row.target.number if row.target_id else ""))
        if (number, key) != (row.number, row.number_key):
            model.objects.filter(pk=row.pk).update(number=number, number_key=key)


def link_waiting(apps, app_label: str, model_name: str) -> None:
    """Link unlinked rows to the live directive of their number: the one issued on the cited
    date first, else the latest issued (what the pages looked up on every render before)."""
    model = apps.get_model(app_label, model_name)
    pages = apps.get_model("directives", "DirectivePage").objects.filter(live=True)
    waiting = model.objects.filter(target__isnull=True).exclude(number_key="")
    for row in waiting.iterator():
        candidates = pages.filter(number_key=row.number_key)
        dated = candidates.filter(issued_on=row.cited_on).order_by("pk").first()
        chosen = dated if row.cited_on and dated else None
        chosen = chosen or candidates.order_by("-issued_on", "pk").first()
        if chosen is not None:
            model.objects.filter(pk=row.pk).update(target=chosen)


def rename_in_revisions(
    apps, app_label: str, page_model: str, renames: dict[str, str], child: str | None = None
) -> None:
    """Rename fields in the stored revisions of ``page_model``: on the page itself, or on each
    item of its ``child`` relation (an inline list such as ``obligations``)."""
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label=app_label, model=page_model.lower())
        .first()
    )
    if content_type is None:
        return
    revisions = apps.get_model("wagtailcore", "Revision").objects.filter(content_type=content_type)
    for revision in revisions.iterator():
        content = revision.content or {}
        items = (content.get(child) or []) if child else [content]
        changed = False
        for item in items:
            for old, new in renames.items():
                if old in item:
                    item[new] = item.pop(old)
                    changed = True
        if changed:
            revision.content = content
            revision.save(update_fields=["content"])
