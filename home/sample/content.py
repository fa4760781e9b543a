"""The sample site's content, written by the project and labelled as sample.

The province ("tỉnh Sông Xanh"), its city and every person named here are invented; the
documents imitate the shape of real directives (Decree 30/2020/NĐ-CP) so that the listing,
the citations and the search have something true to life to work on.
"""

from dataclasses import dataclass, field
from datetime import date

from vntext import citation_label

SAMPLE_NOTE = (
    "Dữ liệu mẫu: văn bản này do dự án soạn để minh họa cổng thông tin, "
    "không phải văn bản thật của cơ quan nhà nước."
)

PROVINCE = "tỉnh Sông Xanh"


@dataclass(frozen=True)
class SampleAgency:
    key: str
    name: str
    abbreviation: str
    level: str
    parent: str | None = None


AGENCIES = [
    SampleAgency("ubnd", f"Ủy ban nhân dân {PROVINCE}", "UBND", "tinh"),
    SampleAgency("vp", f"Văn phòng Ủy ban nhân dân {PROVINCE}", "VP", "so", "ubnd"),
    SampleAgency("snv", "Sở Nội vụ", "SNV", "so", "ubnd"),
    SampleAgency("stttt", "Sở Thông tin và Truyền thông", "STTTT", "so", "ubnd"),
    SampleAgency("stp", "Sở Tư pháp", "STP", "so", "ubnd"),
    SampleAgency("ttpvhcc", "Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC", "so", "ubnd"),
    SampleAgency("ubnd-bm", "Ủy ban nhân dân thành phố Bến Mây", "UBND", "huyen", "ubnd"),
    SampleAgency("ubnd-ld", "Ủy ban nhân dân huyện Lam Điền", "UBND", "huyen", "ubnd"),
]

SIGNERS = {
    "ubnd": [
        ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Minh Khoa"),
        ("", "CHỦ TỊCH", "Trần Thị Thanh Hòa"),
        ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Đức Thủy"),
    ],
    "vp": [("KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Phạm Quốc Ấn")],
    "snv": [("", "GIÁM ĐỐC", "Võ Thị Ánh Tuyết")],
    "stttt": [("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đặng Văn Ứng")],
    "stp": [("", "GIÁM ĐỐC", "Huỳnh Ngọc Ổn")],
    "ttpvhcc": [("", "GIÁM ĐỐC", "Bùi Thị Ủy")],
    "ubnd-bm": [("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Thị Thu Hương")],
    "ubnd-ld": [("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Đỗ Văn Đạt")],
}

PLACES = {"ubnd-bm": "Bến Mây", "ubnd-ld": "Lam Điền"}


@dataclass
class SampleDirective:
    key: str
    doc_type: str
    number: str
    issuer: str
    issued_on: date
    subject: str
    paragraphs: list[str]
    cites: list[str] = field(default_factory=list)
    tasks: list[tuple[str | None, str, date | None]] = field(default_factory=list)
    signer: int = 0
    validity: str = "con-hieu-luc"
    field: str = ""


TOPICS = [
    ("cải cách hành chính", "CCHC", "nâng cao chỉ số cải cách hành chính (CCHC) của tỉnh"),
    ("chuyển đổi số", "CĐS", "đẩy mạnh chuyển đổi số (CĐS) trong cơ quan nhà nước"),
    (
        "dịch vụ công trực tuyến",
        "DVCTT",
        "tăng tỷ lệ hồ sơ nộp qua dịch vụ công trực tuyến (DVCTT)",
    ),
    ("thủ tục hành chính nội bộ", "TTHC", "rà soát, đơn giản hóa thủ tục hành chính (TTHC) nội bộ"),
    ("văn bản điện tử", "CNTT", "gửi, nhận văn bản điện tử có ký số giữa các cơ quan"),
    ("Bộ phận một cửa", "BPMC", "nâng cao chất lượng tiếp nhận hồ sơ tại Bộ phận một cửa"),
]

# The lĩnh vực (field) the directive list filters by, for each topic above.
TOPIC_FIELDS = {
    "cải cách hành chính": "Cải cách hành chính",
    "chuyển đổi số": "Chuyển đổi số",
    "dịch vụ công trực tuyến": "Dịch vụ công trực tuyến",
    "thủ tục hành chính nội bộ": "Kiểm soát thủ tục hành chính",
    "văn bản điện tử": "Công nghệ thông tin",
    "Bộ phận một cửa": "Cải cách hành chính",
}


def _directive_specs() -> list[SampleDirective]:
    """24 directives of seven types from five issuers, 2023 to 2026, citing earlier ones."""
    plan = [
        # key, type, number, issuer, date, topic index, cites
        ("qd-100", "quyet-dinh", "100/QĐ-UBND", "ubnd", date(2023, 1, 16), 0, []),
        ("kh-21", "ke-hoach", "21/KH-UBND", "ubnd", date(2023, 2, 8), 1, ["qd-100"]),
        ("cv-512", "cong-van", "512/UBND-VP", "ubnd", date(2023, 3, 2), 2, ["kh-21"]),
        ("ct-05", "chi-thi", "05/CT-UBND", "ubnd", date(2023, 4, 12), 3, ["qd-100"]),
        ("hd-14", "huong-dan", "14/HD-SNV", "snv", date(2023, 5, 19), 0, ["ct-05"]),
        ("cv-988", "cong-van", "988/STTTT-CĐS", "stttt", date(2023, 6, 6), 4, ["kh-21"]),
        ("tb-77", "thong-bao", "77/TB-VP", "vp", date(2023, 7, 21), 2, ["cv-512"]),
        (
            "cv-1203",
            "cong-van",
            "1203/UBND-NV",
            "ubnd-bm",
            date(2023, 8, 14),
            0,
            ["ct-05", "hd-14"],
        ),
        ("qd-2045", "quyet-dinh", "2045/QĐ-UBND", "ubnd", date(2023, 10, 3), 3, ["ct-05"]),
        ("bc-310", "bao-cao", "310/BC-SNV", "snv", date(2023, 12, 15), 0, ["qd-100", "hd-14"]),
        ("kh-09", "ke-hoach", "09/KH-UBND", "ubnd-ld", date(2024, 1, 22), 1, ["kh-21"]),
        ("cv-245", "cong-van", "245/TTPVHCC-NV", "ttpvhcc", date(2024, 2, 27), 5, ["qd-2045"]),
        ("cv-730", "cong-van", "730/UBND-VP", "ubnd", date(2024, 4, 9), 2, ["tb-77", "cv-245"]),
        ("ct-02", "chi-thi", "02/CT-UBND", "ubnd", date(2024, 5, 30), 1, ["kh-21", "cv-988"]),
        ("cv-1567", "cong-van", "1567/STP-HCTP", "stp", date(2024, 7, 11), 3, ["qd-2045"]),
        ("tb-155", "thong-bao", "155/TB-VP", "vp", date(2024, 9, 5), 0, ["bc-310"]),
        (
            "qd-48",
            "quyet-dinh",
            "48/2024/QĐ-UBND",
            "ubnd",
            date(2024, 11, 18),
            3,
            ["qd-2045", "cv-1567"],
        ),
        ("cv-2210", "cong-van", "2210/UBND-VP", "ubnd-bm", date(2025, 1, 13), 4, ["ct-02"]),
        ("kh-33", "ke-hoach", "33/KH-UBND", "ubnd", date(2025, 3, 4), 1, ["ct-02", "kh-09"]),
        ("cv-640", "cong-van", "640/STTTT-BCVT", "stttt", date(2025, 5, 16), 4, ["kh-33"]),
        (
            "hd-07",
            "huong-dan",
            "07/HD-TTPVHCC",
            "ttpvhcc",
            date(2025, 8, 20),
            5,
            ["cv-245", "qd-48"],
        ),
        ("tb-402", "thong-bao", "402/TB-VP", "vp", date(2025, 10, 28), 2, ["cv-730"]),
        ("ct-11", "chi-thi", "11/CT-UBND", "ubnd", date(2026, 2, 10), 0, ["qd-100", "kh-33"]),
        ("cv-318", "cong-van", "318/UBND-VP", "ubnd", date(2026, 4, 7), 2, ["ct-11", "tb-402"]),
    ]
    type_words = {
        "quyet-dinh": "Quyết định",
        "ke-hoach": "Kế hoạch",
        "cong-van": "Công văn",
        "chi-thi": "Chỉ thị",
        "huong-dan": "Hướng dẫn",
        "thong-bao": "Thông báo",
        "bao-cao": "Báo cáo",
    }
    subjects = {
        "quyet-dinh": "Ban hành Quy chế {topic} trên địa bàn {province}",
        "ke-hoach": "Kế hoạch {topic} năm {year}",
        "cong-van": "V/v triển khai các nhiệm vụ {topic}",
        "chi-thi": "Về tăng cường {topic} trong các cơ quan hành chính nhà nước",
        "huong-dan": "Hướng dẫn thực hiện {topic} tại cơ quan, đơn vị",
        "thong-bao": "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về {topic}",
        "bao-cao": "Báo cáo kết quả {topic} năm {year}",
    }
    numbers = {key: number for key, _, number, *_ in plan}
    dates = {key: when for key, _, _, _, when, *_ in plan}
    types = {key: kind for key, kind, *_ in plan}
    specs = []
    for index, (key, kind, number, issuer, when, topic_index, cites) in enumerate(plan):
        topic, abbreviation, aim = TOPICS[topic_index]
        grounds = [
            f"Thực hiện {citation_label(type_words[types[c]], numbers[c], dates[c])}" for c in cites
        ]
        opening = (
            "; ".join(grounds) + ";" if grounds else "Căn cứ Luật Tổ chức chính quyền địa phương;"
        )
        deadline = date(when.year, min(when.month + 2, 12), 20)
        paragraphs = [
            opening,
            f"Nhằm {aim}, {type_words[kind].lower()} này yêu cầu các cơ quan, đơn vị thực hiện "
            f"các nội dung sau:",
            f"1. Các Sở, ban, ngành; UBND các huyện, thành phố quán triệt nội dung về {topic}, "
            f"xác định đây là nhiệm vụ trọng tâm, thường xuyên của người đứng đầu.",
            f"2. Giao Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan theo dõi, đôn đốc; "
            f"tổng hợp kết quả thực hiện {abbreviation}, báo cáo UBND tỉnh trước ngày "
            f"{deadline:%d/%m/%Y}.",
            "3. Giao Sở Thông tin và Truyền thông bảo đảm hạ tầng công nghệ thông tin (CNTT), "
            "hệ thống một cửa điện tử và Cổng dịch vụ công (DVC) của tỉnh hoạt động thông suốt.",
            "4. Trung tâm Phục vụ hành chính công tỉnh hướng dẫn tổ chức, cá nhân nộp hồ sơ "
            "trực tuyến; công khai đầy đủ thủ tục hành chính tại Bộ phận một cửa.",
            f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời "
            f"báo cáo về UBND {PROVINCE} (qua Sở Nội vụ) để được hướng dẫn. {SAMPLE_NOTE}",
        ]
        tasks = [
            ("snv", f"Theo dõi, đôn đốc, tổng hợp kết quả thực hiện {topic}", deadline),
            ("stttt", "Bảo đảm hạ tầng CNTT, hệ thống một cửa điện tử và Cổng DVC", None),
        ]
        specs.append(
            SampleDirective(
                key=key,
                doc_type=kind,
                number=number,
                issuer=issuer,
                issued_on=when,
                subject=subjects[kind].format(topic=topic, province=PROVINCE, year=when.year),
                paragraphs=paragraphs,
                cites=cites,
                tasks=tasks,
                signer=index % len(SIGNERS[issuer]),
                validity="het-hieu-luc-toan-bo" if key == "qd-100" else "con-hieu-luc",
                field=TOPIC_FIELDS.get(topic, ""),
            )
        )
    return specs


DIRECTIVES = _directive_specs()


@dataclass
class SampleNews:
    title: str
    published: date
    lead: str
    paragraphs: list[str]
    source: str | None = None


def _news_specs() -> list[SampleNews]:
    by_key = {d.key: d for d in DIRECTIVES}
    chosen = [
        "kh-21",
        "cv-512",
        "ct-05",
        "qd-2045",
        "cv-245",
        "cv-730",
        "ct-02",
        "qd-48",
        "kh-33",
        "hd-07",
        "ct-11",
        "cv-318",
    ]
    items = []
    for offset, key in enumerate(chosen):
        directive = by_key[key]
        topic = (
            directive.subject.split(" về ")[-1]
            if " về " in directive.subject
            else directive.subject
        )
        items.append(
            SampleNews(
                title=f"Tỉnh Sông Xanh triển khai văn bản {directive.number}: {topic[:90]}",
                published=date.fromordinal(directive.issued_on.toordinal() + 3 + offset % 4),
                lead=(
                    f"Ngày {directive.issued_on:%d/%m/%Y}, cơ quan có thẩm quyền của {PROVINCE} "
                    f"ban hành văn bản số {directive.number}. Bài viết tóm tắt những điểm người "
                    f"dân và doanh nghiệp cần biết."
                ),
                paragraphs=[
                    f"Theo văn bản số {directive.number}, các cơ quan, đơn vị trên địa bàn tỉnh "
                    f"tập trung thực hiện nội dung: {directive.subject.lower()}.",
                    "Người dân, doanh nghiệp có thể tra cứu thủ tục hành chính, nộp hồ sơ trực "
                    "tuyến trên Cổng dịch vụ công và theo dõi kết quả giải quyết mà không phải "
                    "đến trực tiếp Bộ phận một cửa.",
                    "Sở Nội vụ được giao theo dõi, đôn đốc và tổng hợp kết quả thực hiện, báo cáo "
                    "UBND tỉnh theo định kỳ.",
                    "Tin mẫu: bài viết do dự án soạn để minh họa, không phải tin thật.",
                ],
                source=key,
            )
        )
    return items


NEWS = _news_specs()
