"""An imported directive's page title names it the way its label and its citations do."""

from directives.import_mapping import page_title
from directives.parsing.record import DirectiveRecord


def test_title_names_the_document_with_so_before_its_number():
    record = DirectiveRecord(doc_type="Công văn", number="404/UBND-VP", subject="V/v thử nghiệm")
    assert page_title(record, fallback="x") == "Công văn số 404/UBND-VP: V/v thử nghiệm"


def test_title_without_a_number_keeps_the_type_and_subject():
    record = DirectiveRecord(doc_type="Kế hoạch", subject="Triển khai thử nghiệm")
    assert page_title(record, fallback="x") == "Kế hoạch: Triển khai thử nghiệm"
    assert page_title(DirectiveRecord(), fallback="tệp.txt") == "tệp.txt"
