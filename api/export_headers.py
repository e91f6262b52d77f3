"""Vietnamese column headers for exports (``vanban export … --vi``, ``?headers=vi``), as data.

Only the header row changes: the field names of the JSON API are the contract and stay English.
A column missing here keeps its English name.
"""

from __future__ import annotations

VI_HEADERS: dict[str, str] = {
    # items
    "indicator": "Chỉ tiêu (nguyên văn)",
    "indicator_id": "Mã chỉ tiêu",
    "indicator_label": "Chỉ tiêu",
    "comparator": "So sánh",
    "value": "Giá trị",
    "value_max": "Giá trị tối đa",
    "unit": "Đơn vị",
    "year": "Năm",
    "text": "Nội dung",
    "kind": "Loại",
    "assignee": "Đơn vị thực hiện",
    "deadline": "Thời hạn",
    "number": "Số hiệu",
    "type": "Loại văn bản",
    "relation": "Quan hệ",
    "issued_on": "Ngày ban hành",
    "issuer": "Cơ quan ban hành",
    "signer": "Người ký",
    "signer_title": "Chức vụ người ký",
    "subject": "Trích yếu",
    # the source document
    "sentence": "Câu gốc",
    "document_number": "Số văn bản",
    "document_issued_on": "Ngày văn bản",
    "document_issuer": "Cơ quan ban hành văn bản",
    "document_kind": "Loại văn bản nguồn",
    "province": "Tỉnh/thành",
    "document_title": "Tên văn bản",
    "source": "Nguồn",
    "document_id": "Mã văn bản",
    "link": "Liên kết",
    "span_start": "Vị trí đầu",
    "span_end": "Vị trí cuối",
}
# values of the "kind" column of the indicators export
VI_KINDS: dict[str, str] = {"target": "chỉ tiêu", "achievement": "thực hiện"}


def titles(columns: list[str], headers: str = "en") -> list[str]:
    """The header row for ``columns``: as is, or in Vietnamese when ``headers == "vi"``."""
    return [VI_HEADERS.get(c, c) for c in columns] if headers == "vi" else list(columns)
