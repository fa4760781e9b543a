"""The data dictionary: what each open-data file holds, column by column, in Vietnamese. The
CSV files have exactly these columns in this order; the JSON Lines files have them too, plus
the nested fields listed under ``jsonl_only``."""

from __future__ import annotations

from dataclasses import dataclass, field

from procedures.export import COLUMNS as PROCEDURE_COLUMNS


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    columns: tuple[Column, ...]
    jsonl_only: tuple[Column, ...] = field(default=())

    def describe(self) -> dict:
        return {
            "title": self.title,
            "files": [f"{self.name}.jsonl", f"{self.name}.csv"],
            "columns": [vars(column) for column in self.columns],
            "jsonl_only": [vars(column) for column in self.jsonl_only],
        }


DIRECTIVES = Dataset(
    name="directives",
    title="Văn bản chỉ đạo điều hành",
    columns=(
        Column("id", "số nguyên", "Mã văn bản trên cổng (dùng với /api/v1/directives/{id})."),
        Column("url", "địa chỉ", "Trang của văn bản."),
        Column("title", "văn bản", "Tiêu đề trang."),
        Column("doc_type", "mã", "Loại văn bản (cong-van, quyet-dinh, …)."),
        Column("doc_type_label", "văn bản", "Tên loại văn bản."),
        Column("number", "văn bản", "Số, ký hiệu như in trên văn bản."),
        Column("number_key", "mã", "Khóa chuẩn hóa của số ký hiệu (so khớp mọi cách viết)."),
        Column("issuer", "văn bản", "Cơ quan ban hành."),
        Column("issuer_id", "số nguyên", "Mã cơ quan ban hành."),
        Column("place", "văn bản", "Địa danh."),
        Column("issued_on", "ngày (YYYY-MM-DD)", "Ngày ban hành; trống khi văn bản để trống ngày."),
        Column("issued_year", "số nguyên", "Năm ban hành."),
        Column("effective_on", "ngày (YYYY-MM-DD)", "Ngày có hiệu lực."),
        Column("validity", "mã", "Tình trạng hiệu lực (con-hieu-luc, het-hieu-luc-toan-bo, …)."),
        Column("validity_label", "văn bản", "Tên tình trạng hiệu lực."),
        Column("subject", "văn bản", "Trích yếu."),
        Column("signer_title", "văn bản", "Chức vụ người ký."),
        Column("signer_name", "văn bản", "Người ký."),
    ),
    jsonl_only=(
        Column("issued_month", "số nguyên", "Tháng ban hành."),
        Column("recipients", "danh sách văn bản", "Kính gửi."),
        Column("body", "HTML", "Nội dung."),
        Column("signer_authority", "danh sách văn bản", "Thẩm quyền ký, từ trên xuống."),
        Column("distribution", "danh sách văn bản", "Nơi nhận."),
        Column("tasks", "danh sách đối tượng", "Nhiệm vụ: agency, text, due_on, due_text."),
        Column("obligations", "danh sách đối tượng", "Nghĩa vụ nộp hồ sơ trực tuyến."),
        Column("attachments", "danh sách đối tượng", "Tệp đính kèm: title, caption, url."),
        Column("cites", "danh sách đối tượng", "Văn bản được dẫn chiếu."),
        Column("cited_by", "danh sách đối tượng", "Văn bản dẫn chiếu đến văn bản này."),
        Column("news", "danh sách đối tượng", "Tin tức về văn bản."),
    ),
)

NEWS = Dataset(
    name="news",
    title="Tin tức",
    columns=(
        Column("id", "số nguyên", "Mã tin trên cổng (dùng với /api/v1/news/{id})."),
        Column("url", "địa chỉ", "Trang của tin."),
        Column("title", "văn bản", "Tiêu đề."),
        Column("date", "ngày (YYYY-MM-DD)", "Ngày đăng."),
        Column("lead", "văn bản", "Tóm tắt."),
        Column("source_directive_id", "số nguyên", "Mã văn bản nguồn trên cổng."),
        Column("source", "văn bản", "Nguồn: văn bản trên cổng hoặc nguồn khác."),
    ),
    jsonl_only=(Column("body", "HTML", "Nội dung."),),
)

PROCEDURES = Dataset(
    name="procedures",
    title="Thủ tục hành chính",
    columns=tuple(Column(key, "văn bản", header) for key, header in PROCEDURE_COLUMNS),
)

DATASETS: tuple[Dataset, ...] = (DIRECTIVES, NEWS, PROCEDURES)
