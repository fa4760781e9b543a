"""Plone Files and Images as Wagtail documents and images, and the addresses of what was made."""

from __future__ import annotations

import io
import logging
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.models.media import get_root_collection_id
from wagtail.utils.file import hash_filelike

from directives.import_mapping import fit
from plone import mapping
from plone.items import ItemFailed, Made
from plone.reading import PloneItem as Item

logger = logging.getLogger("plone.importer")


class FilesMixin:
    """Documents and images of a ``PloneImport`` run."""

    def _blob(self, item: Item, field_name: str):
        blob = item.blob(field_name)
        if blob is None or blob.data is None:
            detail = blob.problem if blob else "no blob"
            logger.warning(
                "plone item %s %s: blob %s missing: %s", item.uid, item.path, field_name, detail
            )
            return None
        return blob

    def _make_document(self, item: Item, previous: Made | None, written: list[str]) -> Made:
        blob = self._blob(item, "file")
        if blob is None:
            raise ItemFailed("Thiếu tệp (blob) của mục tệp tin; tệp không được nhập.")
        pk = self._store(get_document_model(), item, previous, blob, written, ContentFile)
        return Made(mapping.DOCUMENT, pk)

    def _make_image(
        self, item: Item, previous: Made | None, written: list[str], field_name="image"
    ) -> Made:
        blob = self._blob(item, field_name)
        if blob is None:
            raise ItemFailed("Thiếu tệp (blob) của ảnh; ảnh không được nhập.")
        pk = self._store(
            get_image_model(),
            item,
            previous,
            blob,
            written,
            lambda data, name: ImageFile(io.BytesIO(data), name=name),
        )
        return Made(mapping.IMAGE, pk)

    def _store(self, model, item: Item, previous: Made | None, blob, written, wrap) -> int:
        """A Wagtail document or image (``model``) for ``item``: made, or the one an earlier
        run made updated; its file written again only when its bytes changed. ``wrap`` gives
        the file object the model's field takes from the bytes and a name."""
        obj = (
            model.objects.get(pk=previous.pk)
            if previous
            else model(collection_id=get_root_collection_id())
        )
        obj.title = fit(model, "title", item.title or blob.filename)
        file_hash = hash_filelike(io.BytesIO(blob.data))
        if obj.file_hash != file_hash:
            name = PurePath(blob.filename).name or item.id
            obj.file.save(name, wrap(blob.data, name), save=False)
            written.append(obj.file.name)
            obj.file_size = len(blob.data)
            obj.file_hash = file_hash
        obj.uploaded_by_user = self._owner(item)
        obj.save()
        obj.tags.set(item.subjects)
        if item.created:
            model.objects.filter(pk=obj.pk).update(created_at=item.created)
        return obj.pk

    def _image_url(self, pk: int) -> str | None:
        image = get_image_model().objects.filter(pk=pk).first()
        return image.file.url if image else None

    def _object_url(self, target) -> str | None:
        kind, pk = target
        if kind == mapping.DOCUMENT:
            document = get_document_model().objects.filter(pk=pk).first()
            return document.url if document else None
        if kind == mapping.IMAGE:
            return self._image_url(pk)
        page = Page.objects.filter(pk=pk).first()
        return page.url if page else None
