"""``manage.py check_signatures``: check the digital signatures of every directive file
again, after the trust roots in ``SIGNATURE_TRUST_ROOTS_DIR`` changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wagtail.documents import get_document_model

from directives.document_signatures import is_pdf, refresh
from directives.models import DirectiveAttachment


class Command(BaseCommand):
    help = (
        "Kiểm tra lại chữ ký số của mọi tệp PDF đính kèm văn bản (chạy sau khi thay đổi thư mục "
        "chứng thư gốc tin cậy SIGNATURE_TRUST_ROOTS_DIR)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = DirectiveAttachment.objects.values_list("document_id", flat=True).distinct()
        checked = signed = failed = 0
        for document in get_document_model().objects.filter(pk__in=ids).order_by("pk"):
            if not is_pdf(document.filename):
                continue
            result = refresh(document, force=True)
            checked += 1
            if result is None or result.error:
                failed += 1
            elif result.signatures:
                signed += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã kiểm tra {checked} tệp PDF: {signed} tệp có chữ ký số, "
                f"{failed} tệp không kiểm tra được."
            )
        )
