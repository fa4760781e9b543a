"""Admin screen "Nhập danh mục thủ tục": upload a procedure list (a decision as .txt, .md,
.docx or .pdf, a CSV or an XLSX), see its rows with warnings, then import them.

The file waits in storage between the two steps under a signed token (as the directive import
does), so nothing changes until the editor confirms; the import itself is the command's
(``procedures.importing.import_list``): one transaction, so a failed file leaves everything
as it was.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from wagtail.admin import messages

from directives.import_mapping import find_agency
from directives.parsing.errors import ImportFileError
from directives.parsing.files import extract_layers
from directives.views import ImportScreenMixin, discard_upload, stash_upload, unstash_upload
from procedures.importing import FileResult, catalogue_page, import_list
from procedures.models import ProcedureIndexPage, ProcedurePage
from procedures.parsing import ProcedureFileError, ProcedureListRecord, read_procedure_file
from procedures.parsing.files import SUPPORTED_EXTENSIONS
from procedures.vocabulary import OnlineLevel, online_level_from_label

logger = logging.getLogger("procedures")

# A decision as a Word or PDF file is read to text first, then parsed as a text decision.
EXTRACTED_EXTENSIONS = (".docx", ".pdf")
ACCEPTED = (*SUPPORTED_EXTENSIONS, *EXTRACTED_EXTENSIONS)
UPLOAD_TEMPLATE = "procedures/admin/import_upload.html"
PREVIEW_TEMPLATE = "procedures/admin/import_preview.html"


def can_import(user, index: ProcedureIndexPage | None) -> bool:
    """Whoever may add and publish procedures in the catalogue (the import publishes)."""
    if index is None:
        return False
    permissions = index.permissions_for_user(user)
    return permissions.can_add_subpage() and permissions.can_publish_subpage()


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp danh mục",
        help_text="Quyết định công bố danh mục (.txt, .md, .docx, .pdf có lớp chữ), hoặc bảng "
        "tính .csv, .xlsx với các cột Mã thủ tục, Tên thủ tục, Lĩnh vực, Cấp thực hiện, Cơ quan "
        "thực hiện, Mức độ.",
    )


class ConfirmForm(forms.Form):
    upload = forms.CharField(widget=forms.HiddenInput)


@dataclass
class PreviewRow:
    """One row of the list as the editor checks it before importing."""

    number: int
    code: str
    name: str
    field: str
    levels: str
    agency: str
    online_level: str
    action: str
    warnings: list[str] = field(default_factory=list)


def read_upload(data: bytes, filename: str) -> ProcedureListRecord:
    """The list in a file: Word and PDF decisions read to text, the rest as the command
    reads them. Raises ``ProcedureFileError`` or ``ImportFileError`` with the Vietnamese
    message."""
    extension = PurePath(filename).suffix.lower()
    if extension not in EXTRACTED_EXTENSIONS:
        return read_procedure_file(data, filename)
    extracted = extract_layers(data, filename)
    if extracted.needs_ocr:
        raise ProcedureFileError(
            f"Tệp “{filename}” là bản quét (không có lớp chữ): hãy tải lên bản .docx, .pdf có "
            "lớp chữ hoặc bảng tính của danh mục.",
            f"{filename}: scanned pages {extracted.ocr_pages[:5]}, no text layer",
        )
    record = read_procedure_file(extracted.text.encode("utf-8"), f"{PurePath(filename).stem}.txt")
    record.source = PurePath(filename).name
    return record


def preview_rows(record: ProcedureListRecord) -> list[PreviewRow]:
    """The rows with what importing them will do and what the editor should check."""
    existing = set(
        ProcedurePage.objects.filter(
            code__in=[row.code for row in record.procedures if row.code]
        ).values_list("code", flat=True)
    )
    # A list that gives no level at all is noted once (in the summary), not on every row.
    any_level = any(row.online_level for row in record.procedures)
    seen: set[str] = set()
    rows = []
    for number, row in enumerate(record.procedures, start=1):
        warnings = []
        if not row.code:
            warnings.append("Không có mã thủ tục: dòng này sẽ bị bỏ qua.")
        elif row.code in seen:
            warnings.append("Mã trùng với một dòng trước: dòng sau sẽ được dùng.")
        if not row.name.strip():
            warnings.append("Không có tên thủ tục.")
        if not row.field:
            warnings.append("Chưa có lĩnh vực.")
        if not row.levels:
            warnings.append("Chưa có cấp thực hiện.")
        if row.agency and find_agency(row.agency) is None:
            warnings.append(f"Cơ quan “{row.agency}” chưa có trên cổng: sẽ được tạo mới.")
        if row.online_level and online_level_from_label(row.online_level) == OnlineLevel.NONE:
            warnings.append(f"Không hiểu mức độ “{row.online_level}”: ghi là không trực tuyến.")
        elif any_level and not row.online_level:
            warnings.append("Không đọc được mức độ trực tuyến: mức độ hiện có được giữ nguyên.")
        if row.code:
            seen.add(row.code)
        action = "Bỏ qua" if not row.code else "Cập nhật" if row.code in existing else "Thêm mới"
        rows.append(
            PreviewRow(
                number=number,
                code=row.code or "",
                name=row.name,
                field=row.field or "",
                levels=", ".join(row.levels),
                agency=row.agency or "",
                online_level=row.online_level or "",
                action=action,
                warnings=warnings,
            )
        )
    return rows


class ImportViewMixin(ImportScreenMixin):
    page_title = "Nhập danh mục thủ tục"
    upload_template = UPLOAD_TEMPLATE
    upload_url_name = "procedures_import"
    read_button_label = "Đọc danh mục"
    target_context_name = "index"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.index = catalogue_page()
        if self.index is None:
            messages.error(
                request,
                "Chưa có trang danh mục thủ tục hành chính để nhập vào; hãy tạo trang đó trước.",
            )
            return redirect("wagtailadmin_home")
        if not can_import(request.user, self.index):
            raise PermissionDenied
        self.target = self.index
        return super().dispatch(request, *args, **kwargs)

    def render_preview(
        self, record: ProcedureListRecord, token: str, errors: list[str] = ()
    ) -> HttpResponse:
        rows = preview_rows(record)
        importable = len({row.code for row in rows if row.code})
        return TemplateResponse(
            self.request,
            PREVIEW_TEMPLATE,
            self.get_context_data(
                form=ConfirmForm(initial={"upload": token}),
                record=record,
                rows=rows,
                errors=list(errors),
                importable=importable,
                flagged=sum(1 for row in rows if row.warnings),
                no_levels=not any(row.online_level for row in record.procedures),
                action_url=reverse("procedures_import_confirm"),
                submit_button_label=f"Nhập {importable} thủ tục",
                submit_button_active_label="Đang nhập…",
            ),
        )


class ImportUploadView(ImportViewMixin, View):
    """Step one: the file, read, then the preview of its rows."""

    template_name = UPLOAD_TEMPLATE

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_upload(UploadForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_upload(form)
        upload = form.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in ACCEPTED:
            form.add_error(
                "file", "Chỉ nhận tệp " + ", ".join(ACCEPTED) + " (danh mục hoặc quyết định)."
            )
            return self.render_upload(form)
        try:
            data = upload.read()
            record = read_upload(data, upload.name)
        except (ProcedureFileError, ImportFileError) as error:
            logger.warning(
                "%s: cannot read (admin upload by %s): %s",
                upload.name,
                request.user,
                error.log_detail,
            )
            form.add_error("file", error.message_vi)
            return self.render_upload(form)
        if not record.procedures:
            logger.info("%s: no procedure rows (admin upload by %s)", upload.name, request.user)
            form.add_error(
                "file",
                f"Không tìm thấy thủ tục nào trong “{upload.name}”: tệp cần bảng danh mục có cột "
                "mã và tên thủ tục.",
            )
            return self.render_upload(form)
        return self.render_preview(record, stash_upload(data, upload.name))


class ImportConfirmView(ImportViewMixin, View):
    """Step two: the previewed file imported in one transaction."""

    template_name = PREVIEW_TEMPLATE
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ConfirmForm(request.POST)
        token = form.data.get("upload", "")
        stashed = unstash_upload(token) if form.is_valid() else None
        if stashed is None:
            messages.error(
                request, "Tệp đã tải lên không còn (quá hạn hoặc đã nhập); hãy tải tệp lên lại."
            )
            return redirect("procedures_import")
        data, filename = stashed
        try:
            record = read_upload(data, filename)
        except (ProcedureFileError, ImportFileError) as error:
            logger.warning("%s: cannot read on confirm: %s", filename, error.log_detail)
            messages.error(request, error.message_vi)
            return redirect("procedures_import")
        result = import_list(record, data=data, filename=filename, index=self.index)
        if result.failed:
            logger.warning(
                "%s: admin import by %s failed: %s", filename, request.user, result.error
            )
            return self.render_preview(record, token, [result.error])
        discard_upload(token)
        messages.success(request, summary(result))
        return redirect("wagtailadmin_explore", self.index.pk)


def summary(result: FileResult) -> str:
    message = (
        f"Đã nhập “{result.source}”: {result.created} thủ tục mới, {result.updated} cập nhật, "
        f"{result.unchanged} không đổi."
    )
    if result.warnings:
        message += f" {len(result.warnings)} điểm cần kiểm tra: " + "; ".join(result.warnings[:5])
        if len(result.warnings) > 5:
            message += "; …"
    return message
