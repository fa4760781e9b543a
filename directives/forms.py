"""Admin forms for importing a directive: the upload (a file or pasted text), then the
extracted record for the editor to correct before the draft page is made."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from wagtail.admin.widgets import AdminDateInput

from directives.parsing import Deadline, DirectiveRecord, Reference
from directives.vocabulary import DocumentType, document_type_from_label

LINES_HELP = "Mỗi dòng một mục."
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
# A deadline is as precise as the document prints it: a day, a month, a year or a yearly day.
_PARTIAL_ISO_RE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}-\d{2})$")


class UploadForm(forms.Form):
    """Step one: a file, or the text pasted from wherever the editor has it."""

    file = forms.FileField(
        label="Tệp văn bản",
        required=False,
        help_text="Tệp .txt, .md, .docx hoặc .pdf (có lớp chữ) của văn bản đã ký.",
    )
    text = forms.CharField(
        label="Hoặc dán nội dung văn bản",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Dán toàn bộ văn bản, từ tên cơ quan ban hành đến phần nơi nhận.",
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        has_file, has_text = bool(cleaned.get("file")), bool((cleaned.get("text") or "").strip())
        if has_file == has_text:
            raise ValidationError(
                "Hãy chọn một tệp hoặc dán nội dung văn bản (chỉ một trong hai)."
                if not has_file
                else "Chỉ chọn tệp hoặc dán nội dung, không cả hai."
            )
        return cleaned


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _cells(line: str, count: int) -> list[str]:
    cells = [cell.strip() for cell in line.split("|", count - 1)]
    return cells + [""] * (count - len(cells))


def _iso_or_none(value: str, row: str) -> str | None:
    """A date typed as 02/04/2020 or 2020-04-02, as ISO; blank is None."""
    if not value:
        return None
    for pattern in DATE_INPUT_FORMATS:
        try:
            return datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    raise ValidationError(f"Ngày “{value}” không đúng dạng ngày/tháng/năm (dòng: {row}).")


class DirectiveRecordForm(forms.Form):
    """Step two: every field of the directive record, pre-filled and editable.

    References and deadlines are edited as lines ("Quyết định | 28/2018/QĐ-TTg | 12/07/2018")
    so the form stays one plain page; the page editor offers the full inline panels later.
    """

    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocumentType.choices)
    number = forms.CharField(
        label="Số, ký hiệu",
        max_length=64,
        required=False,
        help_text="Để trống nếu văn bản chưa ghi số.",
    )
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    parent_issuer = forms.CharField(
        label="Cơ quan cấp trên",
        max_length=255,
        required=False,
        help_text="Nếu tiêu đề có hai cấp.",
    )
    place = forms.CharField(label="Địa danh", max_length=128, required=False)
    issued_on = forms.DateField(
        label="Ngày ban hành",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=AdminDateInput,
    )
    issued_month = forms.IntegerField(
        label="Tháng ban hành", min_value=1, max_value=12, required=False
    )
    issued_year = forms.IntegerField(
        label="Năm ban hành", min_value=1945, max_value=2100, required=False
    )
    subject = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 3}))
    recipients = forms.CharField(
        label="Kính gửi",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=LINES_HELP,
    )
    signer_authority = forms.CharField(
        label="Thẩm quyền ký",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Từ trên xuống, mỗi dòng một cấp: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH.",
    )
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=128, required=False)
    signer_name = forms.CharField(label="Người ký", max_length=128, required=False)
    distribution = forms.CharField(
        label="Nơi nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=LINES_HELP,
    )
    references = forms.CharField(
        label="Văn bản dẫn chiếu",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Mỗi dòng: loại | số, ký hiệu | ngày (dd/mm/yyyy, có thể để trống).",
    )
    deadlines = forms.CharField(
        label="Thời hạn",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "Mỗi dòng: thời hạn | nội dung. Thời hạn viết như 2022-05-20, 2025-12 (cả tháng) "
            "hoặc 2020 (cả năm)."
        ),
    )
    text = forms.CharField(
        label="Nội dung văn bản",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Thành phần nội dung của trang; dùng để nhận ra văn bản khi nhập lại.",
    )
    source = forms.CharField(widget=forms.HiddenInput, required=False)
    upload = forms.CharField(widget=forms.HiddenInput, required=False)
    parent = forms.IntegerField(widget=forms.HiddenInput)
    warnings = forms.CharField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_from(
        cls, record: DirectiveRecord, *, text: str, upload: str, parent: int
    ) -> dict[str, Any]:
        """The form's initial data from a parsed record."""
        return {
            "doc_type": document_type_from_label(record.doc_type)
            if record.doc_type
            else DocumentType.KHAC,
            "number": record.number or "",
            "issuer": record.issuer or "",
            "parent_issuer": record.parent_issuer or "",
            "place": record.place or "",
            "issued_on": date.fromisoformat(record.issued_on) if record.issued_on else None,
            "issued_month": record.issued_month,
            "issued_year": record.issued_year,
            "subject": record.subject or "",
            "recipients": "\n".join(record.recipients),
            "signer_authority": "\n".join(record.signer_authority),
            "signer_title": record.signer_title or "",
            "signer_name": record.signer_name or "",
            "distribution": "\n".join(record.distribution),
            "references": "\n".join(
                " | ".join(
                    [
                        ref.doc_type or "",
                        ref.number,
                        date.fromisoformat(ref.date).strftime("%d/%m/%Y") if ref.date else "",
                    ]
                )
                for ref in record.references
            ),
            "deadlines": "\n".join(f"{item.date} | {item.text}" for item in record.deadlines),
            "text": text,
            "source": record.source or "",
            "upload": upload,
            "parent": parent,
            "warnings": json.dumps(record.warnings, ensure_ascii=False),
        }

    def clean_references(self) -> list[Reference]:
        references = []
        for line in _lines(self.cleaned_data["references"]):
            doc_type, number, cited_on = _cells(line, 3)
            if not number:
                raise ValidationError(f"Thiếu số, ký hiệu ở dòng: {line}")
            references.append(
                Reference(doc_type=doc_type, number=number, date=_iso_or_none(cited_on, line))
            )
        return references

    def clean_deadlines(self) -> list[Deadline]:
        deadlines = []
        for line in _lines(self.cleaned_data["deadlines"]):
            when, text = _cells(line, 2)
            if not _PARTIAL_ISO_RE.match(when):
                raise ValidationError(
                    f"Thời hạn “{when}” không đúng dạng (2022-05-20, 2025-12 hoặc 2020) ở dòng: {line}"
                )
            if not text:
                raise ValidationError(f"Thiếu nội dung ở dòng: {line}")
            deadlines.append(Deadline(date=when, text=text))
        return deadlines

    def clean_warnings(self) -> list[str]:
        try:
            warnings = json.loads(self.cleaned_data["warnings"] or "[]")
        except json.JSONDecodeError:
            return []
        return [str(item) for item in warnings] if isinstance(warnings, list) else []

    def to_record(self) -> DirectiveRecord:
        """The corrected record, in the parser's shape, for ``importing.save_record``."""
        data = self.cleaned_data
        issued_on: date | None = data["issued_on"]
        return DirectiveRecord(
            source=data["source"] or None,
            doc_type=DocumentType(data["doc_type"]).label,
            number=data["number"].strip() or None,
            issuer=data["issuer"].strip() or None,
            parent_issuer=data["parent_issuer"].strip() or None,
            place=data["place"].strip() or None,
            issued_on=issued_on.isoformat() if issued_on else None,
            issued_year=issued_on.year if issued_on else data["issued_year"],
            issued_month=issued_on.month if issued_on else data["issued_month"],
            subject=" ".join(data["subject"].split()),
            recipients=_lines(data["recipients"]),
            signer_authority=_lines(data["signer_authority"]),
            signer_title=data["signer_title"].strip() or None,
            signer_name=data["signer_name"].strip() or None,
            distribution=_lines(data["distribution"]),
            references=data["references"],
            deadlines=data["deadlines"],
            warnings=self._open_warnings(data),
        )

    @staticmethod
    def _open_warnings(data: dict[str, Any]) -> list[str]:
        """The parser's warnings, less those the editor has just resolved."""
        resolved = set()
        if data["number"].strip():
            resolved.add("number is blank")
        if data["issued_on"]:
            resolved |= {"day is blank", "month is blank"}
        if data["signer_name"].strip():
            resolved.add("signature block has no name")
        return [warning for warning in data["warnings"] if warning not in resolved]
