"""Admin views for importing a directive: upload a file or paste its text, review and
correct the extracted record, and create the draft page in one step.

The uploaded file waits in storage between the two steps, under a signed token, so nothing
(page, agency, document) exists until the editor confirms; the import service then makes it
all in one transaction.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.views import View

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from directives.document_signatures import import_findings
from directives.forms import DirectiveRecordForm, UploadForm
from directives.import_reading import document_from_text
from directives.importing import (
    PASTED_FILENAME,
    ImportStatus,
    default_parent,
    save_record,
    warning_vi,
)
from directives.models import DirectivePage
from directives.parsing.errors import ImportFileError
from directives.parsing.files import OCR, ExtractedText, check_size, extract_layers
from directives.scans import ScanReading, read_scan
from directives.storage_cleanup import PENDING_FOLDER
from directives.storage_cleanup import PENDING_MAX_AGE as PENDING_UPLOAD_MAX_AGE

logger = logging.getLogger("directives.importing")

SIGNING_SALT = "directives.import.upload"
# An upload the editor never confirms is removed by ``manage.py cleanup_storage`` once its
# token has expired.
PENDING_MAX_AGE = int(PENDING_UPLOAD_MAX_AGE.total_seconds())
REVIEW_TEMPLATE = "directives/admin/import_review.html"
UPLOAD_TEMPLATE = "directives/admin/import_upload.html"


def can_import(user, parent: Page | None) -> bool:
    """Whoever may add a DirectivePage under ``parent`` may import into it."""
    if parent is None:
        return False
    parent = parent.specific
    return (
        DirectivePage.can_create_at(parent) and parent.permissions_for_user(user).can_add_subpage()
    )


# The upload between the two steps ------------------------------------------------------


def stash_upload(data: bytes, filename: str) -> str:
    """Keep an uploaded file until the editor confirms; returns a signed token for it."""
    name = default_storage.save(
        f"{PENDING_FOLDER}/{uuid.uuid4().hex}/{get_valid_filename(filename) or 'van-ban'}",
        ContentFile(data),
    )
    return signing.dumps({"name": name, "filename": filename}, salt=SIGNING_SALT)


def _pending(token: str) -> dict[str, str] | None:
    try:
        pending = signing.loads(token, salt=SIGNING_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        return None
    name = pending.get("name", "")
    return pending if name.startswith(f"{PENDING_FOLDER}/") else None


def unstash_upload(token: str) -> tuple[bytes, str] | None:
    """The file a token stands for, or None when the token is forged, expired or spent."""
    pending = _pending(token)
    if pending is None or not default_storage.exists(pending["name"]):
        return None
    with default_storage.open(pending["name"], "rb") as handle:
        return handle.read(), pending["filename"]


def discard_upload(token: str) -> None:
    pending = _pending(token)
    if pending:
        default_storage.delete(pending["name"])


# Views ---------------------------------------------------------------------------------


class ImportScreenMixin(WagtailAdminTemplateMixin):
    """What the admin's import screens share: breadcrumbs to the page imported into, that page
    in the context, and the upload form. A screen sets ``self.target`` in ``dispatch``."""

    header_icon = "upload"
    upload_template: str
    upload_url_name: str
    read_button_label: str
    target_context_name: str
    target: Page

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.target.pk]),
                "label": self.target.title,
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context[self.target_context_name] = self.target
        return context

    def render_upload(self, form: Form) -> HttpResponse:
        return TemplateResponse(
            self.request,
            self.upload_template,
            self.get_context_data(
                form=form,
                action_url=reverse(self.upload_url_name),
                submit_button_label=self.read_button_label,
                submit_button_active_label="Đang đọc…",
            ),
        )


class ImportViewMixin(ImportScreenMixin):
    """Finds the directive index to import into and checks the editor may add pages there."""

    page_title = "Nhập văn bản"
    upload_template = UPLOAD_TEMPLATE
    upload_url_name = "directives_import"
    read_button_label = "Đọc văn bản"
    target_context_name = "parent"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        parent_id = request.POST.get("parent") or request.GET.get("parent")
        if parent_id and str(parent_id).isdigit():
            page = Page.objects.filter(pk=int(parent_id)).first()
            self.parent = page.specific if page else None
        else:
            self.parent = default_parent()
        if self.parent is None:
            messages.error(
                request, "Chưa có trang danh sách văn bản để nhập vào; hãy tạo trang đó trước."
            )
            return redirect("wagtailadmin_home")
        if not can_import(request.user, self.parent):
            raise PermissionDenied
        self.target = self.parent
        return super().dispatch(request, *args, **kwargs)

    def render_review(self, form: DirectiveRecordForm, warnings: list[str]) -> HttpResponse:
        source = form["source"].value() or PASTED_FILENAME
        return TemplateResponse(
            self.request,
            REVIEW_TEMPLATE,
            self.get_context_data(
                form=form,
                warnings=[warning_vi(warning) for warning in warnings],
                source=source,
                action_url=reverse("directives_import_review"),
                submit_button_label="Tạo bản nháp",
                submit_button_active_label="Đang tạo…",
            ),
        )


class ImportUploadView(ImportViewMixin, View):
    """Step one: the file or the pasted text, read and parsed, then the review form."""

    template_name = UPLOAD_TEMPLATE

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_upload(UploadForm(initial={"parent": self.parent.pk}))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_upload(form)
        upload = form.cleaned_data["file"]
        filename = upload.name if upload else PASTED_FILENAME
        try:
            if upload:
                check_size(upload.size, filename)  # before the file is read into memory
                data = upload.read()
            else:
                data = form.cleaned_data["text"].encode("utf-8")
            extracted = extract_layers(data, filename)
        except ImportFileError as error:
            logger.warning(
                "%s: cannot import (admin upload by %s): %s",
                filename,
                request.user,
                error.log_detail,
            )
            form.add_error("file" if upload else "text", error.message_vi)
            return self.render_upload(form)
        if extracted.needs_ocr:
            return self.queue_scan(data, filename)
        document = document_from_text(extracted, filename)
        document.record.warnings += import_findings(
            data, filename, document.record.signer_name or ""
        )[1]
        token = stash_upload(data, filename) if upload else ""
        initial = DirectiveRecordForm.initial_from(
            document.record, text=document.text, upload=token, parent=self.parent.pk
        )
        return self.render_review(DirectiveRecordForm(initial=initial), document.record.warnings)

    def queue_scan(self, data: bytes, filename: str) -> HttpResponse:
        """OCR goes to the background worker; the editor waits on the progress page."""
        reading = ScanReading.objects.create(
            user=self.request.user,
            parent=self.parent,
            filename=filename,
            upload=stash_upload(data, filename),
        )
        read_scan.enqueue(str(reading.pk))
        logger.info("%s: queued for OCR (reading %s)", filename, reading.pk)
        return redirect(scan_progress_url(reading))


class ImportReviewView(ImportViewMixin, View):
    """Step two: the corrected record becomes a draft page (or updates the page an earlier
    import made of the same document)."""

    template_name = REVIEW_TEMPLATE
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DirectiveRecordForm(request.POST)
        if not form.is_valid():
            return self.render_review(form, form.cleaned_data.get("warnings", []))
        token = form.cleaned_data["upload"]
        original = unstash_upload(token) if token else None
        if token and original is None:
            form.add_error(
                None, "Tệp đã tải lên không còn (quá hạn hoặc đã dùng); hãy tải tệp lên lại."
            )
            return self.render_review(form, form.cleaned_data["warnings"])
        record = form.to_record()
        result = save_record(
            record,
            form.cleaned_data["text"],
            parent=self.parent,
            original=original,
            user=request.user,
            force=True,
        )
        if result.failed or result.page is None:
            form.add_error(None, result.message_vi)
            return self.render_review(form, record.warnings)
        if token:
            discard_upload(token)
        verb = "Đã tạo bản nháp" if result.status is ImportStatus.CREATED else "Đã cập nhật"
        message = f"{verb} “{result.page.title}” từ {result.source}."
        if result.status is ImportStatus.UPDATED:
            message += " Văn bản này đã có trên cổng nên trang cũ được cập nhật (phiên bản mới)."
        if result.warnings:
            message += f" Còn {len(result.warnings)} điểm cần kiểm tra (ở đầu trang)."
        messages.success(request, message)
        return redirect("wagtailadmin_pages:edit", result.page.pk)


def scan_progress_url(reading: ScanReading) -> str:
    return reverse("directives_import_scan", args=[reading.pk]) + f"?parent={reading.parent_id}"


class ScanProgressView(ImportViewMixin, View):
    """Between the upload of a scan and its review form: the pages read so far (the page
    reloads itself), then the review form filled from the OCR text, or why it failed."""

    template_name = "directives/admin/import_scan_progress.html"
    # Seconds between reloads of the progress page.
    refresh_seconds = 2

    def get(self, request: HttpRequest, reading_id: str) -> HttpResponse:
        reading = ScanReading.objects.filter(pk=reading_id, user=request.user).first()
        if reading is None:
            raise Http404
        if reading.status == ScanReading.Status.FAILED:
            form = UploadForm(initial={"parent": self.parent.pk})
            form.full_clean()  # an unbound form: no errors yet, and none of its own to find
            form.cleaned_data = {}
            form.add_error(None, reading.message_vi)
            return self.render_upload(form)
        if reading.status == ScanReading.Status.DONE:
            extracted = ExtractedText(text=reading.text, warnings=reading.warnings, source=OCR)
            document = document_from_text(extracted, reading.filename)
            stashed = unstash_upload(reading.upload)
            if stashed is not None:
                document.record.warnings += import_findings(
                    stashed[0], reading.filename, document.record.signer_name or ""
                )[1]
            initial = DirectiveRecordForm.initial_from(
                document.record, text=document.text, upload=reading.upload, parent=self.parent.pk
            )
            return self.render_review(
                DirectiveRecordForm(initial=initial), document.record.warnings
            )
        return self.render_to_response(
            self.get_context_data(reading=reading, refresh_seconds=self.refresh_seconds)
        )
