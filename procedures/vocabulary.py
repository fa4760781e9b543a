"""Fixed vocabularies of the procedure catalogue, with the rule's values (``procedures.rules``)
as their database values, so the models and the pure rule never need a translation table."""

from django.db import models

from procedures import rules
from procedures.parsing import online
from vntext import fold


class OnlineLevel(models.TextChoices):
    """Online public-service level since Decree 42/2022/NĐ-CP; the old levels 4 and 3 map to
    "toàn trình" and "một phần", levels 1 and 2 (information, forms) to none."""

    FULL = rules.FULL, "Toàn trình"
    PARTIAL = rules.PARTIAL, "Một phần"
    NONE = rules.NONE, "Chưa trực tuyến"


class Audience(models.TextChoices):
    CITIZEN = rules.CITIZEN, "Công dân"
    BUSINESS = rules.BUSINESS, "Doanh nghiệp, tổ chức"
    INTERNAL = rules.INTERNAL, "Cơ quan nhà nước (nội bộ)"


class TerritoryLevel(models.TextChoices):
    """Where an obligation binds, by the level of government its issuer belongs to."""

    COUNTRY = rules.COUNTRY, "Cả nước"
    PROVINCE = rules.PROVINCE, "Tỉnh, thành phố trực thuộc trung ương"
    DISTRICT = rules.DISTRICT, "Huyện, quận, thị xã, thành phố thuộc tỉnh"
    COMMUNE = rules.COMMUNE, "Xã, phường, thị trấn"


class GovernmentLevel(models.TextChoices):
    PROVINCE = rules.PROVINCE, "Cấp tỉnh"
    DISTRICT = rules.DISTRICT, "Cấp huyện"
    COMMUNE = rules.COMMUNE, "Cấp xã"
    OTHER = rules.OTHER, "Cơ quan khác"


class Requirement(models.TextChoices):
    ONLINE_ONLY = rules.ONLINE_ONLY, "Chỉ nhận hồ sơ trực tuyến"
    ONLINE_ENCOURAGED = rules.ONLINE_ENCOURAGED, "Khuyến khích nộp trực tuyến"


class ProcedureStatus(models.TextChoices):
    IN_FORCE = "dang-ap-dung", "Đang áp dụng"
    REPEALED = "bai-bo", "Đã bãi bỏ"


def online_level_from_label(label: str | None) -> str:
    """The ``OnlineLevel`` for what a list prints: "toàn trình", "Một phần", "mức độ 4", "3"."""
    level = online.level_of_label(label)
    if level == online.ONLINE_FULL:
        return OnlineLevel.FULL
    if level == online.ONLINE_PARTIAL:
        return OnlineLevel.PARTIAL
    return OnlineLevel.NONE


def government_level_from_label(label: str) -> str | None:
    """The ``GovernmentLevel`` for "Cấp tỉnh", "cấp Huyện", "UBND cấp xã", "Cơ quan khác"."""
    folded = fold(label)
    for value, words in (
        (GovernmentLevel.PROVINCE, ("tinh",)),
        (GovernmentLevel.DISTRICT, ("huyen",)),
        (GovernmentLevel.COMMUNE, ("xa",)),
    ):
        if any(word in folded.split() for word in words):
            return value
    return GovernmentLevel.OTHER if folded.strip() else None


# The boolean field of a ProcedurePage for each value (an Obligation's scope has its own).
LEVEL_FLAGS = {
    GovernmentLevel.PROVINCE: "level_province",
    GovernmentLevel.DISTRICT: "level_district",
    GovernmentLevel.COMMUNE: "level_commune",
    GovernmentLevel.OTHER: "level_other",
}
AUDIENCE_FLAGS = {
    Audience.CITIZEN: "for_citizens",
    Audience.BUSINESS: "for_businesses",
    Audience.INTERNAL: "for_internal",
}
