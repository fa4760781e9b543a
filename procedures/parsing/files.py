"""Read an uploaded procedure list by its file extension."""

from pathlib import PurePath

from procedures.parsing.decoding import decode
from procedures.parsing.errors import ProcedureFileError
from procedures.parsing.record import ProcedureListRecord
from procedures.parsing.spreadsheet import parse_procedure_csv, parse_procedure_xlsx
from procedures.parsing.text import parse_procedure_text

SUPPORTED_EXTENSIONS = (".txt", ".md", ".csv", ".xlsx")


def read_procedure_file(data: bytes, filename: str) -> ProcedureListRecord:
    """Parse ``data`` as the kind of file ``filename`` names; the name becomes the source."""
    source = PurePath(filename).name
    extension = PurePath(filename).suffix.lower()
    if extension in {".txt", ".md"}:
        return parse_procedure_text(decode(data, source), source)
    if extension == ".csv":
        return parse_procedure_csv(data, source)
    if extension == ".xlsx":
        return parse_procedure_xlsx(data, source)
    raise ProcedureFileError(
        f'Không hỗ trợ tệp "{extension or filename}". Hãy tải lên tệp '
        + ", ".join(SUPPORTED_EXTENSIONS)
        + ".",
        f"{filename}: unsupported extension {extension!r}",
    )
