"""The sample catalogue: procedures of the fictional "tỉnh Sông Xanh", labelled as sample.

Written by the project to show the catalogue at work: 60 procedures across fields, levels,
audiences and online levels (some internal), the province's dispatch that makes internal
procedures offered online at level 3 or 4 online-only from 20/05/2022 (like 5436/UBND-VP of
Bà Rịa – Vũng Tàu), a city dispatch implementing it, and a news item about it. Idempotent:
what is there is kept, what is missing is added.
"""

from __future__ import annotations

import io
from datetime import date
from itertools import cycle

from django.core.files.base import ContentFile
from django.utils.html import escape

from wagtail.documents import get_document_model

from directives.models import Agency, DirectiveIndexPage, DirectivePage, DirectiveReference
from home.sample.content import PROVINCE, SAMPLE_NOTE
from news.models import NewsIndexPage, NewsPage
from procedures.models import (
    Obligation,
    OnlineLevelChange,
    ProcedureForm,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedurePage,
    ProcedureStep,
)
from procedures.vocabulary import OnlineLevel, Requirement
from vntext import fold_tokens

CATALOGUE_INTRO = (
    "<p>Tra cứu thủ tục hành chính, lọc theo lĩnh vực, cơ quan, cấp thực hiện, đối tượng và "
    "mức độ trực tuyến, xem thủ tục nào bắt buộc nộp trực tuyến, từ ngày nào, theo văn bản nào, "
    "và tải danh sách về (CSV, Excel, JSON). <strong>Danh mục trên trang này là dữ liệu mẫu"
    "</strong> do dự án soạn; mã thủ tục là mã giả định.</p>"
)
LIST_DECISION = "Quyết định số 1290/QĐ-UBND ngày 01/06/2021 của UBND tỉnh Sông Xanh (mẫu)"
LEVEL_DECISION = "Quyết định số 2750/QĐ-UBND ngày 15/11/2023 của UBND tỉnh Sông Xanh (mẫu)"

# field, agency, levels, audience, names
FIELDS: list[tuple[str, str, tuple[str, ...], str, list[str]]] = [
    (
        "Hộ tịch",
        "Ủy ban nhân dân huyện Lam Điền",
        ("xa",),
        "citizen",
        [
            "Đăng ký khai sinh",
            "Đăng ký kết hôn",
            "Đăng ký khai tử",
            "Cấp bản sao trích lục hộ tịch",
            "Đăng ký nhận cha, mẹ, con",
        ],
    ),
    (
        "Chứng thực",
        "Ủy ban nhân dân huyện Lam Điền",
        ("huyen", "xa"),
        "citizen",
        [
            "Chứng thực bản sao từ bản chính",
            "Chứng thực chữ ký trong giấy tờ, văn bản",
            "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
        ],
    ),
    (
        "Lý lịch tư pháp",
        "Sở Tư pháp",
        ("tinh",),
        "citizen",
        [
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
            "Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng",
        ],
    ),
    (
        "Thành lập và hoạt động doanh nghiệp",
        "Sở Tài chính",
        ("tinh",),
        "business",
        [
            "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
            "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
            "Thông báo tạm ngừng kinh doanh",
            "Đăng ký thành lập chi nhánh, văn phòng đại diện",
        ],
    ),
    (
        "Hoạt động xây dựng",
        "Sở Xây dựng",
        ("tinh", "huyen"),
        "business",
        [
            "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
            "Điều chỉnh giấy phép xây dựng",
            "Cấp giấy phép di dời công trình",
            "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng",
        ],
    ),
    (
        "Xuất bản, in và phát hành",
        "Sở Thông tin và Truyền thông",
        ("tinh",),
        "business",
        [
            "Cấp giấy phép hoạt động in",
            "Cấp giấy phép xuất bản tài liệu không kinh doanh",
            "Đăng ký hoạt động cơ sở in",
        ],
    ),
    (
        "Giáo dục và Đào tạo",
        "Sở Giáo dục và Đào tạo",
        ("tinh", "huyen"),
        "citizen",
        [
            "Chuyển trường đối với học sinh trung học phổ thông",
            "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
            "Xét tuyển sinh vào trường phổ thông dân tộc nội trú",
            "Cấp giấy phép tổ chức dạy thêm, học thêm",
        ],
    ),
    (
        "Y tế dự phòng",
        "Sở Y tế",
        ("tinh",),
        "business",
        [
            "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            "Công bố cơ sở đủ điều kiện tiêm chủng",
            "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh",
        ],
    ),
    (
        "Đất đai",
        "Ủy ban nhân dân thành phố Bến Mây",
        ("huyen",),
        "citizen",
        [
            "Đăng ký biến động quyền sử dụng đất",
            "Cấp đổi giấy chứng nhận quyền sử dụng đất",
            "Tách thửa hoặc hợp thửa đất",
            "Gia hạn sử dụng đất nông nghiệp",
        ],
    ),
    # Internal procedures: filed by state bodies, political-social organisations and state
    # enterprises with a state body; the province's dispatch makes them online-only.
    (
        "Tổ chức cán bộ",
        "Sở Nội vụ",
        ("tinh",),
        "internal",
        [
            "Thẩm định đề án vị trí việc làm của cơ quan, tổ chức hành chính",
            "Phê duyệt số lượng người làm việc trong đơn vị sự nghiệp công lập",
            "Thẩm định thành lập, tổ chức lại, giải thể đơn vị sự nghiệp công lập",
            "Nâng bậc lương trước thời hạn đối với công chức",
            "Cử cán bộ, công chức đi đào tạo, bồi dưỡng ở nước ngoài",
        ],
    ),
    (
        "Thi đua, khen thưởng",
        "Sở Nội vụ",
        ("tinh", "huyen"),
        "internal",
        [
            "Tặng Bằng khen của Chủ tịch UBND tỉnh cho tập thể",
            "Tặng danh hiệu Tập thể lao động xuất sắc",
            "Tặng Giấy khen của Chủ tịch UBND huyện",
        ],
    ),
    (
        "Tài chính công",
        "Sở Tài chính",
        ("tinh", "huyen"),
        "internal",
        [
            "Thẩm định dự toán ngân sách của cơ quan, đơn vị",
            "Phê duyệt quyết toán kinh phí hoạt động của tổ chức chính trị - xã hội",
            "Điều chuyển tài sản công giữa các cơ quan nhà nước",
            "Giao vốn nhà nước cho doanh nghiệp nhà nước",
        ],
    ),
    (
        "Công nghệ thông tin, chuyển đổi số",
        "Sở Thông tin và Truyền thông",
        ("tinh", "huyen"),
        "internal",
        [
            "Thẩm định hồ sơ đề xuất dự án ứng dụng công nghệ thông tin",
            "Cấp tài khoản hệ thống quản lý văn bản và điều hành",
            "Cấp chứng thư số chuyên dùng cho cơ quan nhà nước",
        ],
    ),
    (
        "Văn thư, lưu trữ",
        "Ủy ban nhân dân thành phố Bến Mây",
        ("huyen", "xa"),
        "internal",
        [
            "Giao nộp hồ sơ, tài liệu vào Lưu trữ lịch sử",
            "Thẩm định danh mục tài liệu hết giá trị",
            "Đề nghị khai thác tài liệu lưu trữ của cơ quan nhà nước",
        ],
    ),
    (
        "Kiểm soát thủ tục hành chính",
        "Trung tâm Phục vụ hành chính công tỉnh",
        ("tinh",),
        "internal",
        [
            "Công bố danh mục thủ tục hành chính nội bộ",
            "Đề nghị tích hợp dịch vụ công trực tuyến lên Cổng Dịch vụ công quốc gia",
            "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính",
        ],
    ),
]
# The one-stop desk where the sample's paper files are received (a made-up address).
ONE_STOP_DESK = (
    "Bộ phận Một cửa – Trung tâm Phục vụ hành chính công {province}, số 1 đường Bờ Sông, "
    "phường Trung Tâm (địa chỉ mẫu)"
)
SAMPLE_STEPS = (
    "Tổ chức, cá nhân chuẩn bị hồ sơ theo thành phần hồ sơ và mẫu đơn, tờ khai bên dưới.",
    "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công, hoặc tại Bộ phận Một cửa khi thủ tục còn "
    "nhận hồ sơ giấy.",
    "{agency} kiểm tra hồ sơ; hồ sơ chưa đủ thì hướng dẫn bổ sung một lần.",
    "Trả kết quả trực tuyến hoặc tại nơi nộp trong thời hạn giải quyết.",
)
ONLINE_PATTERN = (OnlineLevel.FULL, OnlineLevel.PARTIAL, OnlineLevel.FULL, OnlineLevel.NONE)


def load_sample_procedures(home) -> dict[str, int]:
    """Add the catalogue, its procedures, the model-case dispatches and their news item."""
    created = {"procedures": 0, "obligations": 0}
    index = ProcedureIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ProcedureIndexPage(
                title="Thủ tục hành chính",
                slug="thu-tuc-hanh-chinh",
                show_in_menus=True,
                intro=CATALOGUE_INTRO,
                search_description="Danh mục thủ tục hành chính (mẫu): có phải nộp trực tuyến "
                "không, từ khi nào, theo văn bản nào.",
            )
        )
    _procedures(index, created)
    province, _city = _dispatches(created)
    _news(province)
    return created


def _agency(name: str) -> Agency:
    parent = Agency.objects.filter(name=f"Ủy ban nhân dân {PROVINCE}").first()
    agency, _ = Agency.objects.get_or_create(
        name=name, defaults={"level": "so" if name.startswith("Sở") else "khac", "parent": parent}
    )
    return agency


def _procedures(index: ProcedureIndexPage, created: dict[str, int]) -> None:
    serial = 0
    online = cycle(ONLINE_PATTERN)
    for field, agency_name, levels, audience, names in FIELDS:
        agency = _agency(agency_name)
        form = _sample_form(field)
        prefix = "2" if audience == "internal" else "1"
        for name in names:
            serial += 1
            level = next(online)
            code = f"{prefix}.{900000 + serial:06d}"
            if ProcedurePage.objects.filter(code=code).exists():
                continue
            page = ProcedurePage(
                title=name,
                slug=f"thu-tuc-{code.replace('.', '-')}",
                code=code,
                field=field,
                agency=agency,
                level_province="tinh" in levels,
                level_district="huyen" in levels,
                level_commune="xa" in levels,
                for_citizens=audience == "citizen",
                for_businesses=audience == "business",
                for_internal=audience == "internal",
                processing_time=f"{5 + serial % 4 * 5} ngày làm việc",
                fees="Không" if audience == "internal" else f"{(serial % 5 + 1) * 20}.000 đồng",
                required_papers="<ul><li>Đơn (tờ khai) theo mẫu</li><li>Bản sao giấy tờ liên quan"
                "</li></ul><p><em>Dữ liệu mẫu.</em></p>",
                how_to_file="<p>Nộp trực tuyến trên Cổng Dịch vụ công hoặc tại Bộ phận một cửa "
                "(khi thủ tục còn nhận hồ sơ giấy).</p>",
                filing_place=ONE_STOP_DESK.format(province=PROVINCE),
                search_description=SAMPLE_NOTE.replace("văn bản này", "thủ tục này"),
            )
            for step in SAMPLE_STEPS:
                page.steps.add(ProcedureStep(text=step.format(agency=agency_name)))
            page.forms.add(ProcedureForm(title=f"Đơn đề nghị – {name} (mẫu)", document=form))
            if level != OnlineLevel.NONE:
                # Old level 3/4 from 2021; some moved up to "toàn trình" in 2023.
                first = OnlineLevel.PARTIAL if serial % 3 == 0 else level
                page.online_levels.add(
                    OnlineLevelChange(
                        level=first, valid_from=date(2021, 6, 1), citation=LIST_DECISION
                    )
                )
                if first != level:
                    page.online_levels.add(
                        OnlineLevelChange(
                            level=level, valid_from=date(2023, 11, 15), citation=LEVEL_DECISION
                        )
                    )
                page.legal_basis.add(
                    ProcedureLegalBasis(citation=LIST_DECISION, number="1290/QĐ-UBND")
                )
            index.add_child(instance=page)
            page.save_revision().publish()
            created["procedures"] += 1


def _sample_form(field: str):
    """One form (a .docx, labelled as sample) per field, shared by its procedures."""
    import docx

    document_model = get_document_model()
    title = f"Mẫu đơn đề nghị – lĩnh vực {field} (mẫu)"
    existing = document_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    form = docx.Document()
    form.add_heading("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", level=2)
    form.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    form.add_heading("ĐƠN ĐỀ NGHỊ", level=1)
    form.add_paragraph(f"Lĩnh vực: {field}")
    for line in ("Họ và tên: ……………………", "Địa chỉ: ……………………", "Nội dung đề nghị: ……………………"):
        form.add_paragraph(line)
    form.add_paragraph(SAMPLE_NOTE.replace("văn bản này", "mẫu đơn này"))
    buffer = io.BytesIO()
    form.save(buffer)
    document = document_model(title=title)
    document.file.save(
        f"mau-don-{'-'.join(fold_tokens(field))}.docx", ContentFile(buffer.getvalue())
    )
    return document


def _dispatch(number, issued_on, issuer, subject, paragraphs, obligation, implements=None):
    existing = DirectivePage.objects.filter(number=number, issuer=issuer).first()
    if existing:
        return existing, False
    page = DirectivePage(
        title=f"Công văn số {number}",
        slug=f"cong-van-{number.split('/')[0]}-{issued_on.year}",
        doc_type="cong-van",
        number=number,
        issuer=issuer,
        place="Bến Mây" if "Bến Mây" in issuer.name else "Sông Xanh",
        issued_on=issued_on,
        validity="con-hieu-luc",
        field="Kiểm soát thủ tục hành chính",
        subject=subject,
        recipients="Các Sở, ban, ngành tỉnh\nUBND các huyện, thành phố",
        body="".join(f"<p>{escape(p)}</p>" for p in paragraphs),
        signer_authority="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Lê Minh Khoa" if implements is None else "Hoàng Thị Thu Hương",
        distribution="Như trên\nLưu: VT.",
        search_description=SAMPLE_NOTE,
        obligations=[obligation],
    )
    if implements is not None:
        page.references.add(
            DirectiveReference(
                doc_type="Công văn",
                number=implements.number,
                cited_on=implements.issued_on,
                relation="thuc-hien",
                target=implements,
            )
        )
    DirectiveIndexPage.objects.first().add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _dispatches(created: dict[str, int]) -> tuple[DirectivePage, DirectivePage]:
    province_body = [
        "Nhằm đẩy mạnh cải cách thủ tục hành chính nội bộ và chuyển đổi số trong cơ quan nhà "
        "nước, Chủ tịch UBND tỉnh chỉ đạo như sau:",
        "1. Kể từ ngày 20/5/2022, tất cả hồ sơ thủ tục hành chính trong nội bộ cơ quan nhà nước, "
        "của tổ chức chính trị - xã hội, doanh nghiệp nhà nước gửi cơ quan nhà nước đã được cung "
        "cấp dịch vụ công trực tuyến mức độ 3, 4 phải thực hiện theo hình thức trực tuyến; Bộ "
        "phận một cửa các cấp không tiếp nhận hồ sơ giấy đối với các thủ tục này.",
        "2. Giao Trung tâm Phục vụ hành chính công tỉnh hướng dẫn, theo dõi việc thực hiện.",
        SAMPLE_NOTE,
    ]
    province, made = _dispatch(
        "1836/UBND-VP",
        date(2022, 5, 16),
        _agency(f"Ủy ban nhân dân {PROVINCE}"),
        "V/v thực hiện hồ sơ thủ tục hành chính nội bộ theo hình thức trực tuyến",
        province_body,
        Obligation(
            requirement=Requirement.ONLINE_ONLY,
            starts_on=date(2022, 5, 20),
            for_internal=True,
            level_full=True,
            level_partial=True,
            evidence=province_body[1],
            confirmed=True,
        ),
    )
    created["obligations"] += made
    city_body = [
        f"Thực hiện Công văn số 1836/UBND-VP ngày 16/5/2022 của UBND {PROVINCE}, UBND thành phố "
        "Bến Mây yêu cầu:",
        "Kể từ ngày 20/5/2022, các phòng, ban chuyên môn và UBND các phường, xã chỉ tiếp nhận "
        "hồ sơ thủ tục hành chính nội bộ cấp huyện đã có dịch vụ công trực tuyến mức độ 3, 4 theo "
        "hình thức trực tuyến.",
        SAMPLE_NOTE,
    ]
    city, made = _dispatch(
        "915/UBND-VP",
        date(2022, 5, 18),
        _agency("Ủy ban nhân dân thành phố Bến Mây"),
        "V/v triển khai Công văn số 1836/UBND-VP của UBND tỉnh về hồ sơ TTHC nội bộ trực tuyến",
        city_body,
        Obligation(
            requirement=Requirement.ONLINE_ONLY,
            starts_on=date(2022, 5, 20),
            for_internal=True,
            level_full=True,
            level_partial=True,
            level_district=True,
            target=province,
            evidence=city_body[1],
            confirmed=True,
        ),
        implements=province,
    )
    created["obligations"] += made
    return province, city


def _news(province: DirectivePage) -> None:
    title = "Từ ngày 20/5/2022, hồ sơ thủ tục hành chính nội bộ phải nộp trực tuyến"
    index = NewsIndexPage.objects.first()
    if index is None or NewsPage.objects.filter(title=title).exists():
        return
    page = NewsPage(
        title=title,
        slug="tthc-noi-bo-nop-truc-tuyen",
        date=date(2022, 5, 17),
        lead=(
            f"UBND {PROVINCE} yêu cầu các cơ quan, tổ chức nộp hồ sơ thủ tục hành chính nội bộ "
            "đã có dịch vụ công trực tuyến mức độ 3, 4 hoàn toàn qua mạng từ ngày 20/5/2022."
        ),
        body=(
            "<p>Theo Công văn số 1836/UBND-VP ngày 16/5/2022, Bộ phận một cửa các cấp ngừng nhận "
            "hồ sơ giấy đối với các thủ tục nội bộ này. Danh mục thủ tục và câu trả lời cho từng "
            "thủ tục (có phải nộp trực tuyến không, từ ngày nào) có trên trang Thủ tục hành chính "
            "của cổng.</p><p>Tin mẫu: bài viết do dự án soạn để minh họa, không phải tin thật.</p>"
        ),
        target=province,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
