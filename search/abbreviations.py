"""The administrative abbreviations people type into the search box, and what they stand for.

One editable list: each line pairs an abbreviation with one or more expansions. The query
understanding folds both sides, so "TTHC" also finds "thủ tục hành chính" and a search for
"thủ tục hành chính" also finds documents that only write "TTHC". Add a pair here and every
engine picks it up; nothing else needs to change. An abbreviation of a document type
(``DOCUMENT_TYPE_ABBREVIATIONS``) may also be typed against its number: "CV1836".
"""

ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "UBND": ("Ủy ban nhân dân",),
    "HĐND": ("Hội đồng nhân dân",),
    "TTHC": ("thủ tục hành chính",),
    "DVC": ("dịch vụ công",),
    "DVCTT": ("dịch vụ công trực tuyến",),
    "CCHC": ("cải cách hành chính",),
    "CĐS": ("chuyển đổi số",),
    "CNTT": ("công nghệ thông tin",),
    "TTPVHCC": ("Trung tâm Phục vụ hành chính công",),
    "BPMC": ("Bộ phận một cửa",),
    "VP": ("Văn phòng",),
    "STTTT": ("Sở Thông tin và Truyền thông",),
    "TT&TT": ("Thông tin và Truyền thông",),
    "TPVT": ("thành phố Vũng Tàu",),
    "BR-VT": ("Bà Rịa – Vũng Tàu",),
    "GPXD": ("giấy phép xây dựng",),
    "GPKD": ("giấy phép kinh doanh",),
    "GPLX": ("giấy phép lái xe",),
    "ĐKKD": ("đăng ký kinh doanh",),
    "QSDĐ": ("quyền sử dụng đất",),
    "GCN": ("giấy chứng nhận",),
    "LLTP": ("lý lịch tư pháp",),
    "BHXH": ("bảo hiểm xã hội",),
    "BHYT": ("bảo hiểm y tế",),
    "CCCD": ("căn cước công dân",),
    "SNV": ("Sở Nội vụ",),
    "VPCP": ("Văn phòng Chính phủ",),
    "TTg": ("Thủ tướng",),
    "QĐ": ("Quyết định",),
    "CV": ("Công văn",),
    "KH": ("Kế hoạch",),
    "TB": ("Thông báo",),
    "CT": ("Chỉ thị",),
    "NQ": ("Nghị quyết",),
    "NĐ": ("Nghị định",),
    "BC": ("Báo cáo",),
    "HD": ("Hướng dẫn",),
    "TTr": ("Tờ trình",),
    "CĐ": ("Công điện",),
}

# The abbreviations above that name a kind of document (its number may follow glued on).
DOCUMENT_TYPE_ABBREVIATIONS: frozenset[str] = frozenset(
    {"QĐ", "CV", "KH", "TB", "CT", "NQ", "NĐ", "BC", "HD", "TTr", "CĐ"}
)
