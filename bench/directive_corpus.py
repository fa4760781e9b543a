"""Generated directives for the search benchmark: realistic Vietnamese, fast, repeatable.

The documents imitate the shape of the real ones in ../shared/corpus (Decree 30/2020/NĐ-CP):
numbers such as "5436/UBND-VP" and "76/2025/QĐ-UBND", a "V/v" subject, grounds that cite
other documents by number and date, numbered instructions that assign tasks to a Sở with a
deadline, a signer. Every person, province and number is invented by the generator; no real
document is copied. Pure Python, no Django, so it can be timed and read on its own.

Word frequencies are what a search engine feels, so they are shaped on purpose: the topic
phrases ("thủ tục hành chính", "chuyển đổi số", "dịch vụ công trực tuyến") are in most
documents, ordinary administrative words in nearly all, and a handful of ``RARE_TERMS`` in
about one document in a thousand, so "rare word" queries have a few hundred hits at 100,000.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from vntext import citation_label

PROVINCES = [
    "Sông Xanh",
    "Lam Điền",
    "Bến Mây",
    "Hòa Bình Đông",
    "Thạch Lâm",
    "Phú Ấn",
    "Ngọc Thủy",
    "Quảng Ứng",
    "Đông Ổn",
    "Tây Nguyên Mới",
    "Cẩm Đà",
    "Hải Yến",
    "Trà Lĩnh",
    "Vĩnh Ủy",
    "Kim Ngân",
    "Long Phước",
    "An Hưng",
    "Bắc Sơn Hà",
    "Nam Đức",
    "Thanh Trúc",
]

# (abbreviation in the number, name without the province, drafting units used in công văn)
DEPARTMENTS = [
    ("UBND", "Ủy ban nhân dân tỉnh", ["VP", "NC", "KT", "KGVX", "TH", "HCC", "NV"]),
    ("VP", "Văn phòng Ủy ban nhân dân tỉnh", ["KSTT", "TH", "HCTC"]),
    ("SNV", "Sở Nội vụ", ["CCHC", "TCBC", "VP"]),
    ("STTTT", "Sở Thông tin và Truyền thông", ["CĐS", "BCVT", "CNTT"]),
    ("STP", "Sở Tư pháp", ["HCTP", "XDKTVB", "VP"]),
    ("SKHĐT", "Sở Kế hoạch và Đầu tư", ["ĐKKD", "TH", "VP"]),
    ("STC", "Sở Tài chính", ["QLNS", "TCĐT", "VP"]),
    ("SXD", "Sở Xây dựng", ["QLN", "QHKT", "VP"]),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", ["QLĐĐ", "TL", "VP"]),
    ("SYT", "Sở Y tế", ["NVY", "KHTC", "VP"]),
    ("SGDĐT", "Sở Giáo dục và Đào tạo", ["GDPT", "KHTC", "VP"]),
    ("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", ["NV", "TH"]),
]

# value, label, symbol in the number (None: công văn carries the drafting unit instead), weight
DOC_TYPES = [
    ("cong-van", "Công văn", None, 46),
    ("quyet-dinh", "Quyết định", "QĐ", 15),
    ("ke-hoach", "Kế hoạch", "KH", 10),
    ("thong-bao", "Thông báo", "TB", 8),
    ("bao-cao", "Báo cáo", "BC", 6),
    ("huong-dan", "Hướng dẫn", "HD", 4),
    ("chi-thi", "Chỉ thị", "CT", 3),
    ("to-trinh", "Tờ trình", "TTr", 3),
    ("cong-dien", "Công điện", "CĐ", 2),
    ("chuong-trinh", "Chương trình", "CTr", 2),
    ("nghi-quyet", "Nghị quyết", "NQ", 1),
]

# (topic as written in a subject, its abbreviation or "", the aim it serves)
TOPICS = [
    ("thủ tục hành chính", "TTHC", "rà soát, đơn giản hóa thủ tục hành chính"),
    ("thủ tục hành chính nội bộ", "TTHC", "công bố, cắt giảm thủ tục hành chính nội bộ"),
    ("chuyển đổi số", "CĐS", "đẩy mạnh chuyển đổi số trong cơ quan nhà nước"),
    ("dịch vụ công trực tuyến", "DVCTT", "nâng cao tỷ lệ hồ sơ nộp qua dịch vụ công trực tuyến"),
    ("dịch vụ công trực tuyến toàn trình", "DVCTT", "cung cấp dịch vụ công trực tuyến toàn trình"),
    ("cải cách hành chính", "CCHC", "nâng cao chỉ số cải cách hành chính của tỉnh"),
    ("văn bản điện tử", "CNTT", "gửi, nhận văn bản điện tử có ký số giữa các cơ quan"),
    ("Bộ phận một cửa", "BPMC", "nâng cao chất lượng tiếp nhận hồ sơ tại Bộ phận một cửa"),
    ("thanh toán trực tuyến", "", "thanh toán trực tuyến phí, lệ phí trên Cổng dịch vụ công"),
    ("Đề án 06", "", "phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử"),
    ("an toàn thông tin mạng", "ATTT", "bảo đảm an toàn thông tin mạng cho hệ thống thông tin"),
    ("phòng cháy, chữa cháy", "PCCC", "tăng cường công tác phòng cháy, chữa cháy"),
    ("phòng, chống thiên tai", "PCTT", "chủ động ứng phó mưa lũ, phòng, chống thiên tai"),
    ("giải ngân vốn đầu tư công", "", "đẩy nhanh tiến độ giải ngân vốn đầu tư công"),
    ("quản lý đất đai", "", "tăng cường quản lý nhà nước về đất đai"),
    (
        "xây dựng nông thôn mới",
        "NTM",
        "thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    ),
    ("an toàn thực phẩm", "ATTP", "bảo đảm an toàn thực phẩm trong dịp Tết Nguyên đán"),
    ("kinh tế số và xã hội số", "", "phát triển kinh tế số và xã hội số giai đoạn 2026 - 2030"),
    ("sắp xếp đơn vị hành chính", "", "sắp xếp đơn vị hành chính cấp xã"),
    ("tinh giản biên chế", "", "thực hiện tinh giản biên chế và cơ cấu lại đội ngũ công chức"),
    ("phòng, chống tham nhũng", "", "tăng cường công tác phòng, chống tham nhũng, tiêu cực"),
    ("bảo hiểm xã hội", "BHXH", "mở rộng đối tượng tham gia bảo hiểm xã hội, bảo hiểm y tế"),
    ("hồ sơ công việc trên môi trường mạng", "", "xử lý hồ sơ công việc trên môi trường mạng"),
    ("chữ ký số", "", "sử dụng chữ ký số chuyên dùng trong hoạt động của cơ quan nhà nước"),
]
# Topic weights: the first eight (what the portal is about) far more often than the others.
TOPIC_WEIGHTS = [9, 5, 9, 9, 4, 8, 5, 5] + [2] * (len(TOPICS) - 8)

# Words about one document in a thousand carries: what a "rare word" query looks for.
RARE_TERMS = [
    ("VNeID", "Kích hoạt tài khoản định danh điện tử mức độ 2 trên ứng dụng VNeID"),
    ("blockchain", "Nghiên cứu ứng dụng công nghệ blockchain trong truy xuất nguồn gốc nông sản"),
    ("Zalo", "Tiếp nhận phản ánh, kiến nghị qua kênh Zalo của Trung tâm"),
    ("logistics", "Phát triển dịch vụ logistics gắn với cảng biển và khu công nghiệp"),
    ("hydrogen", "Khảo sát tiềm năng sản xuất hydrogen xanh từ điện gió ngoài khơi"),
    ("chatbot", "Vận hành trợ lý ảo chatbot hướng dẫn thủ tục trên Cổng dịch vụ công"),
    ("sâm Ngọc Linh", "Bảo tồn, phát triển vùng trồng sâm Ngọc Linh theo chuỗi giá trị"),
    ("dịch tả lợn châu Phi", "Khoanh vùng, dập tắt ổ dịch tả lợn châu Phi tại các xã"),
]
RARE_RATE = 0.001

NATIONAL_DOCUMENTS = [
    (
        "Nghị định",
        "61/2018/NĐ-CP",
        date(2018, 4, 23),
        "Chính phủ",
        "thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
    ),
    (
        "Nghị định",
        "42/2022/NĐ-CP",
        date(2022, 6, 24),
        "Chính phủ",
        "cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
    ),
    (
        "Nghị định",
        "107/2021/NĐ-CP",
        date(2021, 12, 6),
        "Chính phủ",
        "sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP",
    ),
    ("Nghị định", "30/2020/NĐ-CP", date(2020, 3, 5), "Chính phủ", "công tác văn thư"),
    (
        "Quyết định",
        "28/2018/QĐ-TTg",
        date(2018, 7, 12),
        "Thủ tướng Chính phủ",
        "gửi, nhận văn bản điện tử giữa các cơ quan trong hệ thống hành chính nhà nước",
    ),
    (
        "Quyết định",
        "06/QĐ-TTg",
        date(2022, 1, 6),
        "Thủ tướng Chính phủ",
        "phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử",
    ),
    (
        "Nghị quyết",
        "57-NQ/TW",
        date(2024, 12, 22),
        "Bộ Chính trị",
        "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    ),
    (
        "Nghị quyết",
        "76/NQ-CP",
        date(2021, 7, 15),
        "Chính phủ",
        "ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
    ),
    (
        "Thông tư",
        "01/2023/TT-VPCP",
        date(2023, 4, 5),
        "Văn phòng Chính phủ",
        "quy định một số nội dung và biện pháp thi hành trong số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    ),
]

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Lương",
    "Mai",
]
MIDDLES = [
    "Văn",
    "Thị",
    "Đức",
    "Minh",
    "Quốc",
    "Thanh",
    "Ngọc",
    "Hữu",
    "Thành",
    "Xuân",
    "Thu",
    "Hoàng",
    "Công",
    "Thị Thu",
    "Văn Đức",
    "Anh",
    "Kim",
    "Phước",
]
GIVEN = [
    "Hùng",
    "Hương",
    "Dũng",
    "Tuấn",
    "Lan",
    "Hòa",
    "Thủy",
    "Ấn",
    "Ứng",
    "Ổn",
    "Khoa",
    "Tâm",
    "Long",
    "Phước",
    "Trí",
    "Nghĩa",
    "Hiếu",
    "Hải",
    "Yến",
    "Thảo",
    "Bình",
    "An",
    "Sơn",
    "Quang",
    "Đạt",
    "Uyên",
    "Ánh",
    "Tuyết",
    "Ngân",
    "Ủy",
    "Ước",
    "Ẩn",
    "Ơn",
]

VERBS = [
    "chủ trì, phối hợp với",
    "khẩn trương phối hợp với",
    "chủ động phối hợp với",
    "tham mưu UBND tỉnh, phối hợp với",
    "hướng dẫn, đôn đốc",
]
ACTIONS = [
    "rà soát, thống kê và công bố danh mục {topic} trên Cổng dịch vụ công của tỉnh",
    "tổ chức tuyên truyền, hướng dẫn người dân, doanh nghiệp về {topic}",
    "kiểm tra, đánh giá kết quả thực hiện {topic} tại các cơ quan, đơn vị",
    "xây dựng kế hoạch triển khai {topic} năm {year}, trình UBND tỉnh phê duyệt",
    "tổng hợp khó khăn, vướng mắc trong quá trình thực hiện {topic}, đề xuất giải pháp",
    "cập nhật, chuẩn hóa dữ liệu phục vụ {topic} trên hệ thống thông tin giải quyết TTHC",
    "bố trí kinh phí, nhân lực bảo đảm thực hiện {topic} đúng tiến độ",
]
ISSUES = [
    "cán bộ, công chức chưa thành thạo kỹ năng sử dụng phần mềm",
    "hồ sơ còn yêu cầu người dân nộp thêm bản giấy",
    "thủ tục chưa được số hóa kết quả giải quyết",
    "đơn vị chưa bố trí đủ nhân lực tại Bộ phận một cửa",
    "hệ thống thông tin chưa được kết nối, chia sẻ dữ liệu",
]
CLOSINGS = [
    "Yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các huyện, thị xã, thành phố "
    "nghiêm túc triển khai thực hiện./.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo "
    "cáo về UBND tỉnh (qua {lead}) để được hướng dẫn, giải quyết./.",
    "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.",
]
AUTHORITY = [
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("", "CHỦ TỊCH"),
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
]
DEPT_AUTHORITY = [("", "GIÁM ĐỐC"), ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), ("", "CHÁNH VĂN PHÒNG")]

FIRST_DAY = date(2018, 1, 1)
DAYS = (date(2025, 12, 31) - FIRST_DAY).days


@dataclass(frozen=True, slots=True)
class Issuer:
    """An issuing body of the generated province: its full name, abbreviation, signers."""

    name: str
    abbreviation: str
    province: str
    units: tuple[str, ...]
    signers: tuple[tuple[str, str, str], ...]  # authority, title, name


@dataclass(frozen=True, slots=True)
class Citation:
    """A document the generated one cites, as the text prints it."""

    doc_type: str
    number: str
    cited_on: date
    about: str


@dataclass(slots=True)
class GeneratedDirective:
    """The fields of a DirectivePage, as the importer would fill them."""

    doc_type: str
    number: str
    issuer: Issuer
    place: str
    issued_on: date
    subject: str
    recipients: str
    paragraphs: list[str]
    signer_authority: str
    signer_title: str
    signer_name: str
    distribution: str
    citations: list[Citation] = field(default_factory=list)
    tasks: list[tuple[str, str, date | None]] = field(default_factory=list)

    @property
    def body_html(self) -> str:
        return "".join(f"<p>{paragraph}</p>" for paragraph in self.paragraphs)

    @property
    def title(self) -> str:
        label = citation_label(DOC_TYPE_LABELS[self.doc_type], self.number)
        return f"{label}: {self.subject.removeprefix('V/v ')}"[:250]


DOC_TYPE_LABELS = {value: label for value, label, _, _ in DOC_TYPES}


def make_issuers(rng: random.Random) -> list[Issuer]:
    """Every issuing body of every generated province, with one to three signers each."""
    issuers = []
    for province in PROVINCES:
        for abbreviation, name, units in DEPARTMENTS:
            full = f"{name} {province}" if "tỉnh" in name else f"{name} tỉnh {province}"
            authorities = AUTHORITY if abbreviation == "UBND" else DEPT_AUTHORITY
            signers = tuple(
                (*rng.choice(authorities), _person(rng)) for _ in range(rng.randint(1, 3))
            )
            issuers.append(Issuer(full, abbreviation, province, tuple(units), signers))
    return issuers


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


class DirectiveGenerator:
    """Generates ``count`` directives, each citing earlier ones, with unique numbers.

    A few documents become "hubs" that many later ones cite (a provincial plan everybody
    implements), as in real portals; a number query on a hub returns it and its citers.
    """

    def __init__(self, seed: int = 20220516) -> None:
        self.rng = random.Random(seed)
        self.issuers = make_issuers(self.rng)
        self._types = list(DOC_TYPES)
        self._type_weights = list(accumulate(t[3] for t in DOC_TYPES))
        self._topic_weights = list(accumulate(TOPIC_WEIGHTS))
        self._numbers: set[str] = set()
        self._earlier: list[Citation] = []
        self._hubs: list[Citation] = []

    def generate(self, count: int) -> Iterator[GeneratedDirective]:
        """``count`` directives in date order, 2018 to 2025, so citations point backwards."""
        for index in range(count):
            yield self.one(FIRST_DAY + timedelta(days=index * DAYS // max(count, 1)))

    def one(self, issued_on: date) -> GeneratedDirective:
        rng = self.rng
        value, label, symbol, _ = rng.choices(self._types, cum_weights=self._type_weights)[0]
        issuer = rng.choice(self.issuers)
        number = self._number(symbol, issuer, issued_on)
        topic, abbreviation, aim = rng.choices(TOPICS, cum_weights=self._topic_weights)[0]
        citations = self._citations()
        authority, title, signer = rng.choice(issuer.signers)
        subject = self._subject(value, topic, issuer, issued_on)
        lead = rng.choice(self.issuers[: len(DEPARTMENTS)]).name.split(" tỉnh ")[0]
        paragraphs = self._paragraphs(
            label, topic, abbreviation, aim, citations, issuer, issued_on, lead
        )
        tasks = [
            (
                lead,
                f"Chủ trì theo dõi, tổng hợp kết quả thực hiện {topic}",
                issued_on + timedelta(days=rng.choice((15, 30, 45, 60))),
            ),
        ]
        directive = GeneratedDirective(
            doc_type=value,
            number=number,
            issuer=issuer,
            place=issuer.province,
            issued_on=issued_on,
            subject=subject,
            recipients="- Các Sở, ban, ngành tỉnh;\n- UBND các huyện, thị xã, thành phố.",
            paragraphs=paragraphs,
            signer_authority=authority,
            signer_title=title,
            signer_name=signer,
            distribution="- Như trên;\n- TTr. Tỉnh ủy, TTr. HĐND tỉnh (b/c);\n- Lưu: VT, "
            + rng.choice(issuer.units)
            + ".",
            citations=citations,
            tasks=tasks,
        )
        cited = Citation(label, number, issued_on, topic)
        self._earlier.append(cited)
        if rng.random() < 0.01:
            self._hubs.append(cited)
        return directive

    def _number(self, symbol: str | None, issuer: Issuer, issued_on: date) -> str:
        rng = self.rng
        while True:
            serial = rng.randint(1, 9999 if symbol is None else 999)
            if symbol is None:
                number = f"{serial}/{issuer.abbreviation}-{rng.choice(issuer.units)}"
            elif symbol == "QĐ" and rng.random() < 0.25:
                number = f"{serial}/{issued_on.year}/QĐ-{issuer.abbreviation}"
            else:
                width = 3 if symbol == "CT" and rng.random() < 0.5 else 2
                number = f"{serial:0{width}d}/{symbol}-{issuer.abbreviation}"
            if number not in self._numbers:
                self._numbers.add(number)
                return number

    def _citations(self) -> list[Citation]:
        rng = self.rng
        chosen: list[Citation] = []
        if self._hubs and rng.random() < 0.3:
            chosen.append(rng.choice(self._hubs))
        if self._earlier:
            for _ in range(rng.randint(0, 2)):
                chosen.append(self._earlier[rng.randrange(len(self._earlier))])
        if rng.random() < 0.6:
            kind, number, when, issuer, about = rng.choice(NATIONAL_DOCUMENTS)
            chosen.append(Citation(kind, number, when, f"{about} của {issuer}"))
        return list(dict.fromkeys(chosen))

    def _subject(self, value: str, topic: str, issuer: Issuer, issued_on: date) -> str:
        templates = {
            "cong-van": [
                "V/v triển khai thực hiện {topic} trên địa bàn tỉnh",
                "V/v đôn đốc, chấn chỉnh việc thực hiện {topic}",
                "V/v tăng cường {topic} tại cơ quan, đơn vị",
                "V/v báo cáo kết quả thực hiện {topic} {half} năm {year}",
            ],
            "quyet-dinh": [
                "Ban hành Quy chế {topic} trên địa bàn tỉnh {province}",
                "Phê duyệt danh mục {topic} năm {year}",
                "Công bố danh mục thủ tục hành chính về {topic}",
            ],
            "ke-hoach": [
                "Kế hoạch {topic} năm {year}",
                "Triển khai {topic} giai đoạn {year} - {later}",
            ],
            "thong-bao": ["Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về {topic}"],
            "bao-cao": ["Kết quả thực hiện {topic} {half} năm {year}"],
            "huong-dan": ["Hướng dẫn thực hiện {topic} tại cơ quan, đơn vị"],
            "chi-thi": ["Về tăng cường {topic} trong các cơ quan hành chính nhà nước"],
            "to-trinh": ["Đề nghị phê duyệt kế hoạch {topic} năm {year}"],
            "cong-dien": ["Về việc tập trung chỉ đạo {topic}"],
            "chuong-trinh": ["Chương trình công tác {topic} năm {year}"],
            "nghi-quyet": ["Về nhiệm vụ, giải pháp {topic} giai đoạn {year} - {later}"],
        }
        template = self.rng.choice(templates[value])
        return template.format(
            topic=topic,
            province=issuer.province,
            year=issued_on.year,
            later=issued_on.year + 5,
            half=self.rng.choice(("6 tháng đầu", "quý I", "quý III")),
        )

    def _paragraphs(
        self,
        label: str,
        topic: str,
        abbreviation: str,
        aim: str,
        citations: list[Citation],
        issuer: Issuer,
        issued_on: date,
        lead: str,
    ) -> list[str]:
        rng = self.rng
        grounds = [
            f"Thực hiện {c.doc_type} số {c.number} ngày {c.cited_on.day}/{c.cited_on.month}/"
            f"{c.cited_on.year} về {c.about};"
            for c in citations
        ] or ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"]
        named = f"{topic} ({abbreviation})" if abbreviation else topic
        who = (
            "Chủ tịch UBND tỉnh yêu cầu"
            if issuer.abbreviation == "UBND"
            else issuer.name.split(" tỉnh ")[0] + " đề nghị"
        )
        paragraphs = [
            " ".join(grounds),
            f"Thời gian qua, việc thực hiện {topic} trên địa bàn tỉnh {issuer.province} đã đạt "
            f"một số kết quả nhất định; tuy nhiên, tỷ lệ hồ sơ được tiếp nhận và giải quyết "
            f"trực tuyến tại một số cơ quan, đơn vị còn thấp, việc cập nhật, đồng bộ dữ liệu "
            f"lên Cổng dịch vụ công quốc gia chưa kịp thời, một số {rng.choice(ISSUES)}.",
            f"Nhằm {aim}, {who} các cơ quan, đơn vị triển khai thực hiện {named} như sau:",
        ]
        for step in range(1, rng.randint(3, 6) + 1):
            agency = rng.choice(DEPARTMENTS[2:])[1]
            partner = rng.choice(DEPARTMENTS[2:])[1]
            action = rng.choice(ACTIONS).format(topic=topic, year=issued_on.year)
            due = issued_on + timedelta(days=rng.randint(10, 120))
            paragraphs.append(
                f"{step}. Giao {agency} {rng.choice(VERBS)} {partner} và các cơ quan liên quan "
                f"{action}; hoàn thành trước ngày {due.day}/{due.month}/{due.year}."
            )
        paragraphs.append(
            "Các Sở, ban, ngành; UBND các huyện, thị xã, thành phố công khai đầy đủ, kịp thời "
            "thủ tục hành chính tại Bộ phận một cửa và trên Cổng dịch vụ công (DVC) của tỉnh; "
            "tiếp nhận, giải quyết hồ sơ trực tuyến đúng quy định, không yêu cầu nộp thêm bản giấy."
        )
        if rng.random() < RARE_RATE * len(RARE_TERMS):
            paragraphs.append(f"{rng.choice(RARE_TERMS)[1]}, báo cáo kết quả về {lead}.")
        paragraphs.append(rng.choice(CLOSINGS).format(lead=lead))
        return paragraphs


def document_text(directive: GeneratedDirective) -> str:
    """The directive as the text of a signed document (Decree 30 layout, as a crawl of a
    document library prints it), for the import benchmark's folder of files."""
    issuer = directive.issuer
    on = directive.issued_on
    label = DOC_TYPE_LABELS[directive.doc_type]
    if issuer.abbreviation == "UBND":
        head = [issuer.name.upper()]
    else:  # a department prints its province's committee above its own name
        head = [f"UBND TỈNH {issuer.province}".upper(), issuer.name.split(" tỉnh ")[0].upper()]
    lines = [
        *head,
        "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        f"Số: {directive.number}",
        "",
        f"{directive.place}, ngày {on.day} tháng {on.month} năm {on.year}",
        "",
    ]
    if directive.doc_type == "cong-van":
        lines += [directive.subject, "", "Kính gửi:", directive.recipients, ""]
    else:
        lines += [label.upper(), directive.subject, ""]
    lines += [paragraph + "\n" for paragraph in directive.paragraphs]
    lines += ["Nơi nhận:", directive.distribution, ""]
    lines += [line for line in directive.signer_authority.split(" / ") if line]
    lines += [directive.signer_title, "", directive.signer_name, ""]
    return "\n".join(lines)
