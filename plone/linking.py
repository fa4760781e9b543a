"""The link pass: items whose targets may come later (Links, Collections), links left for
later in rich text, related items as attachments, references and related news."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Page, Revision

from content.models import ContentAttachment
from directives.import_mapping import fit
from directives.models import DirectiveAttachment, DirectivePage, DirectiveReference
from news.models import NewsPage
from plone import mapping
from plone.items import Entry, Made, kind_of_model
from plone.making import CHUNK
from plone.mapping import KIND_LABELS, PAGE_KINDS
from plone.models import PloneItem
from plone.richtext import convert


class LinkPassMixin:
    """The link pass of a ``PloneImport`` run."""

    def link_all(self) -> None:
        for item in self.deferred:
            with transaction.atomic():
                self._make_one(item, self.entries[item.uid], self._previous(item.uid))
        self.deferred = []
        # Each page the link pass changes is saved once, a hundred to a transaction.
        touched = sorted(self.pending_text | {uid for uid in self.changed if self._related(uid)})
        for start in range(0, len(touched), CHUNK):
            with transaction.atomic():
                for uid in touched[start : start + CHUNK]:
                    made = self.made.get(uid)
                    if made is None or made.kind not in PAGE_KINDS:
                        self._relate(uid, None)  # reports what a file or image cannot keep
                        continue
                    page = Page.objects.get(pk=made.pk).specific
                    changed = self._relink_text(uid, page) | self._relate(uid, page)
                    if changed:
                        self._amend(page, changed)
        self._default_pages()
        self._order_children()
        self._local_roles()
        for old, new in self.export.redirects.items():
            uid = self.uid_by_path.get(new)
            if uid in self.made:
                made = self.made[uid]
                if made.kind in PAGE_KINDS:
                    self._redirect([old], page=Page.objects.get(pk=made.pk))
                else:
                    self._redirect([old], link=self._object_url((made.kind, made.pk)))
            else:
                self.report.add_problem(
                    f"Chuyển hướng cũ {old} → {new}: đích không có trong bản xuất.",
                    path=old,
                    kind="redirect",
                )

    def _previous(self, uid: str) -> Made | None:
        row = PloneItem.objects.filter(uid=uid).values_list("content_type_id", "object_id")
        for type_id, object_id in row:
            model = ContentType.objects.get_for_id(type_id).model_class()
            if model.objects.filter(pk=object_id).exists():
                return Made(kind_of_model(model) or "", object_id)
        return None

    def _amend(self, page: Page, fields: set[str]) -> None:
        """Save what the link pass changed (``fields``: columns, child relations) into the
        page and the revision this run made, without a new revision (the import's own
        revision is still the page's latest). Only those relations are written again (a
        full save rewrites every child row); the draft title is saved with them so the
        page's save signals still tell the indexes."""
        page.save(clean=False, update_fields=sorted(fields | {"draft_title"}))
        if page.latest_revision_id:
            Revision.objects.filter(pk=page.latest_revision_id).update(
                content=page.serializable_data()
            )

    def _relink_text(self, uid: str, page: Page) -> set[str]:
        """Links the make pass left for later, now that every target is made; the fields
        it changed."""
        if uid not in self.pending_text:
            return set()
        entry = self.entries[uid]
        changed = set()
        for name in ("body", "intro"):
            html = getattr(page, name, None)
            if not html or "resolveuid" not in html:
                continue
            converted = convert(
                html, self._resolve, site_domains=self.site_domains, image_url=self._image_url
            )
            for dropped in converted.dropped:
                self.report.add_problem(
                    f"Liên kết “{dropped}” trỏ tới một mục không có trong bản xuất "
                    "(UID không tồn tại); chỉ giữ lại chữ của liên kết.",
                    path=entry.path,
                    uid=uid,
                    kind="link",
                )
            setattr(page, name, converted.html)
            changed.add(name)
        return changed

    def _related(self, uid: str) -> list[str]:
        """The UIDs an item is related to; for a directive, also the Files related to it."""
        made, entry = self.made.get(uid), self.entries.get(uid)
        if made is None or entry is None:
            return []
        related = list(entry.related)
        if made.kind == mapping.DIRECTIVE:
            related += [
                other
                for other in self.related_to.get(uid, [])
                if self.entries[other].kind == mapping.DOCUMENT
            ]
        return list(dict.fromkeys(related))

    def _relate(self, uid: str, page: Page | None) -> set[str]:
        """Related items as the portal's links on ``page``; the fields and relations of
        ``page`` that changed."""
        related = self._related(uid)
        if not related:
            return set()
        made, entry = self.made[uid], self.entries[uid]
        if made.kind not in (mapping.DIRECTIVE, mapping.NEWS, mapping.CONTENT):
            for target in related:
                target_entry = self.entries.get(target)
                if (
                    made.kind == mapping.DOCUMENT
                    and target_entry
                    and target_entry.kind == mapping.DIRECTIVE
                ):
                    continue  # the directive lists the file among its attachments
                self._unrelated(entry, target, f"{KIND_LABELS[made.kind]} không có mục liên quan")
            return set()
        changed = set()
        for target_uid in related:
            target = self.made.get(target_uid)
            if target is None:
                self._unrelated(
                    entry, target_uid, "mục đích không có trong bản xuất hoặc không nhập được"
                )
                continue
            changed |= self._relate_one(page, made.kind, entry, target, target_uid)
        return changed

    def _relate_one(self, page, kind: str, entry: Entry, target: Made, target_uid: str) -> set[str]:
        if kind == mapping.DIRECTIVE and target.kind == mapping.DOCUMENT:
            if not any(a.document_id == target.pk for a in page.attachments.all()):
                title = self.entries[target_uid].title
                page.attachments.add(
                    DirectiveAttachment(
                        document_id=target.pk, caption=fit(DirectiveAttachment, "caption", title)
                    )
                )
                return {"attachments"}
        elif kind == mapping.DIRECTIVE and target.kind == mapping.DIRECTIVE:
            cited = DirectivePage.objects.get(pk=target.pk)
            if not any(ref.target_id == cited.pk for ref in page.references.all()):
                page.references.add(
                    DirectiveReference(
                        target=cited,
                        doc_type=fit(DirectiveReference, "doc_type", cited.get_doc_type_display()),
                        number=fit(DirectiveReference, "number", cited.number),
                        cited_on=cited.issued_on,
                    )
                )
                return {"references"}
        elif kind == mapping.CONTENT and target.kind == mapping.DOCUMENT:
            if not any(a.document_id == target.pk for a in page.attachments.all()):
                page.attachments.add(
                    ContentAttachment(
                        document_id=target.pk,
                        title=fit(ContentAttachment, "title", self.entries[target_uid].title),
                    )
                )
                return {"attachments"}
        elif kind == mapping.NEWS and target.kind == mapping.DIRECTIVE and page.target_id is None:
            cited = DirectivePage.objects.get(pk=target.pk)
            page.target = cited
            page.doc_type = cited.get_doc_type_display()[:64]
            page.number = cited.number
            return {"target", "doc_type", "number"}
        elif kind == mapping.NEWS and target.kind == mapping.NEWS:
            page.related_news.add(NewsPage.objects.get(pk=target.pk))
            return {"related_news"}
        else:
            self._unrelated(
                entry,
                target_uid,
                f"cổng không có liên kết {KIND_LABELS[kind]} → {KIND_LABELS.get(target.kind, target.kind)}",
            )
        return set()

    def _unrelated(self, entry: Entry, target_uid: str, reason: str) -> None:
        target = self.entries.get(target_uid)
        self.report.add_problem(
            f"Mục liên quan {target.path if target else target_uid} không chuyển được: {reason}.",
            path=entry.path,
            uid=entry.uid,
            kind="relation",
        )
