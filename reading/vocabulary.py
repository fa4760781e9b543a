"""General knowledge a reader checks what it reads against: places, bodies, signing titles.

None of this is taken from a corpus: the provinces and centrally-run cities are the 34 of the
2025 merger (Resolution 202/2025/QH15) and the 63 before it, the ministries and central bodies
are those of the Government's organisation, the titles are those Decree 30/2020/NĐ-CP's
signature blocks use. Everything is stored folded (``vntext.fold``), so a PDF's decomposed
accents, a crawl's capitals and either place of a tone mark all match.
"""

from __future__ import annotations

from functools import lru_cache

from vntext import fold

# The 34 provinces and centrally-run cities from 1 July 2025.
PROVINCES_2025 = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
# The 63 before the merger (older documents and citations still name them).
PROVINCES_BEFORE_2025 = (
    "An Giang", "Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn",
    "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau",
    "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
    "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa",
    "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip
PROVINCES = tuple(dict.fromkeys(PROVINCES_2025 + PROVINCES_BEFORE_2025))

# Ministries, ministry-level and central bodies that issue or sign documents (2025 names and
# the common earlier ones).
CENTRAL_BODIES = (
    "Chính phủ", "Thủ tướng Chính phủ", "Văn phòng Chính phủ", "Bộ Quốc phòng", "Bộ Công an",
    "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính", "Bộ Công Thương",
    "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ", "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Dân tộc và Tôn giáo",
    "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ", "Kiểm toán Nhà nước",
    "Bộ Kế hoạch và Đầu tư", "Bộ Giao thông vận tải", "Bộ Thông tin và Truyền thông",
    "Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Lao động - Thương binh và Xã hội", "Ủy ban Dân tộc", "Cục Thuế", "Cục Hải quan",
    "Kho bạc Nhà nước", "Bảo hiểm xã hội Việt Nam", "Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao", "Quốc hội", "Ủy ban Thường vụ Quốc hội",
)  # fmt: skip
PARTY_BODIES = (
    "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Văn phòng Trung ương Đảng",
    "Ban Tổ chức Trung ương", "Ban Tuyên giáo và Dân vận Trung ương",
    "Ủy ban Kiểm tra Trung ương", "Ban Chính sách, chiến lược Trung ương",
    "Ban Nội chính Trung ương", "Đảng ủy Chính phủ", "Tỉnh ủy", "Thành ủy", "Đảng ủy",
)  # fmt: skip
# Titles a signer holds (the line right above the name), longest first when matched.
SIGNING_TITLES = (
    "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Chủ nhiệm", "Phó Chủ nhiệm",
    "Tổng Thư ký", "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc",
    "Phó Tổng Giám đốc", "Cục trưởng", "Phó Cục trưởng", "Chi cục trưởng",
    "Phó Chi cục trưởng", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chánh Thanh tra",
    "Phó Chánh Thanh tra", "Trưởng ban", "Phó Trưởng ban", "Vụ trưởng", "Phó Vụ trưởng",
    "Trưởng phòng", "Phó Trưởng phòng", "Tổng Kiểm toán", "Thống đốc", "Phó Thống đốc",
    "Bí thư", "Phó Bí thư", "Thường trực", "Tổng cục trưởng", "Viện trưởng", "Hiệu trưởng",
    "Chủ tọa", "Thư ký",
)  # fmt: skip


@lru_cache(maxsize=1)
def _folded_provinces() -> tuple[str, ...]:
    names = {" ".join(fold(name).replace("-", " - ").split()) for name in PROVINCES}
    return tuple(sorted(names, key=len, reverse=True))


def _folded(text: str) -> str:
    return " ".join(fold(text).replace("-", " - ").replace(",", " ").split())


def province_at_end(text: str) -> str | None:
    """The folded province name that ``text`` ends with ("Thành phố Hồ Chí Minh" ->
    "ho chi minh"), or None."""
    folded = f" {_folded(text)}"
    for name in _folded_provinces():
        if folded.endswith(f" {name}"):
            return name
    return None


def is_province(text: str) -> bool:
    """True for a province's name, with or without its kind ("tỉnh", "thành phố")."""
    folded = _folded(text)
    for kind in ("tinh ", "thanh pho ", "tp. ", "tp "):
        folded = folded.removeprefix(kind)
    return folded in _folded_provinces()


@lru_cache(maxsize=1)
def _folded_titles() -> frozenset[str]:
    return frozenset(fold(title) for title in SIGNING_TITLES)


def is_signing_title(text: str) -> bool:
    """True for a signing title ("PHÓ CHỦ TỊCH", "Bộ trưởng") alone on its line."""
    return " ".join(fold(text).split()) in _folded_titles()
