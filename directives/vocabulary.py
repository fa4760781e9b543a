"""Fixed vocabularies of directive documents: types with their official abbreviations,
validity statuses, agency levels and the relations between documents."""

from django.db import models

from vntext import fold


class DocumentType(models.TextChoices):
    """Document types of Decree 30/2020/NĐ-CP and the legal-document law, by their Vietnamese
    name; ``ABBREVIATIONS`` gives the symbol printed in the number ("QĐ" in 27/QĐ-UBQGCĐS)."""

    CONG_VAN = "cong-van", "Công văn"
    QUYET_DINH = "quyet-dinh", "Quyết định"
    CHI_THI = "chi-thi", "Chỉ thị"
    KE_HOACH = "ke-hoach", "Kế hoạch"
    THONG_BAO = "thong-bao", "Thông báo"
    BAO_CAO = "bao-cao", "Báo cáo"
    TO_TRINH = "to-trinh", "Tờ trình"
    HUONG_DAN = "huong-dan", "Hướng dẫn"
    NGHI_QUYET = "nghi-quyet", "Nghị quyết"
    NGHI_DINH = "nghi-dinh", "Nghị định"
    THONG_TU = "thong-tu", "Thông tư"
    CONG_DIEN = "cong-dien", "Công điện"
    CHUONG_TRINH = "chuong-trinh", "Chương trình"
    LUAT = "luat", "Luật"
    KET_LUAN = "ket-luan", "Kết luận"
    QUY_DINH = "quy-dinh", "Quy định"
    QUY_CHE = "quy-che", "Quy chế"
    PHUONG_AN = "phuong-an", "Phương án"
    DE_AN = "de-an", "Đề án"
    THONG_TU_LIEN_TICH = "thong-tu-lien-tich", "Thông tư liên tịch"
    KHAC = "khac", "Văn bản khác"


ABBREVIATIONS: dict[str, str] = {
    DocumentType.QUYET_DINH: "QĐ",
    DocumentType.CHI_THI: "CT",
    DocumentType.KE_HOACH: "KH",
    DocumentType.THONG_BAO: "TB",
    DocumentType.BAO_CAO: "BC",
    DocumentType.TO_TRINH: "TTr",
    DocumentType.HUONG_DAN: "HD",
    DocumentType.NGHI_QUYET: "NQ",
    DocumentType.NGHI_DINH: "NĐ",
    DocumentType.THONG_TU: "TT",
    DocumentType.CONG_DIEN: "CĐ",
    DocumentType.CHUONG_TRINH: "CTr",
    DocumentType.KET_LUAN: "KL",
    DocumentType.QUY_DINH: "QyĐ",
    DocumentType.QUY_CHE: "QC",
    DocumentType.PHUONG_AN: "PA",
    DocumentType.DE_AN: "ĐA",
    DocumentType.THONG_TU_LIEN_TICH: "TTLT",
}


def document_type_from_label(label: str | None) -> str:
    """The ``DocumentType`` value for a name as a document or the importer writes it
    ("Quyết định", "QUYẾT ĐỊNH", "QĐ"); ``KHAC`` when it is none of them."""
    if not label:
        return DocumentType.KHAC
    folded = fold(label).strip()
    for value, name in DocumentType.choices:
        if folded == fold(name):
            return value
    for value, abbreviation in ABBREVIATIONS.items():
        if folded == fold(abbreviation):
            return value
    if folded == "van ban":
        return DocumentType.CONG_VAN
    return DocumentType.KHAC


class ValidityStatus(models.TextChoices):
    IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
    NOT_YET = "chua-co-hieu-luc", "Chưa có hiệu lực"
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", "Hết hiệu lực một phần"
    EXPIRED = "het-hieu-luc-toan-bo", "Hết hiệu lực toàn bộ"
    UNKNOWN = "khong-xac-dinh", "Chưa xác định"


class AgencyLevel(models.TextChoices):
    CENTRAL = "trung-uong", "Trung ương"
    MINISTRY = "bo", "Bộ, ngành"
    PROVINCE = "tinh", "Cấp tỉnh"
    DEPARTMENT = "so", "Sở, ban, ngành"
    DISTRICT = "huyen", "Cấp huyện"
    COMMUNE = "xa", "Cấp xã"
    OTHER = "khac", "Khác"


class Relation(models.TextChoices):
    """How a document relates to one it cites."""

    CITES = "dan-chieu", "Dẫn chiếu"
    BASED_ON = "can-cu", "Căn cứ"
    IMPLEMENTS = "thuc-hien", "Thực hiện"
    AMENDS = "sua-doi", "Sửa đổi, bổ sung"
    REPLACES = "thay-the", "Thay thế"
    REPEALS = "bai-bo", "Bãi bỏ"
    GUIDES = "huong-dan", "Hướng dẫn"
