"""Read an uploaded procedure list by its file extension, with bounded work.

The reading runs in a child process held to ``reading.limits`` (time, memory, rows × columns,
the real inflated size of a workbook), so a crafted file is refused with a message instead of
exhausting the importer's memory.
"""

from pathlib import PurePath

from procedures.parsing.decoding import decode
from procedures.parsing.errors import ProcedureFileError
from procedures.parsing.record import ProcedureListRecord
from procedures.parsing.spreadsheet import parse_procedure_csv, parse_procedure_xlsx
from procedures.parsing.text import parse_procedure_text
from reading.limits import Limits, current_limits, run_bounded

SUPPORTED_EXTENSIONS = (".txt", ".md", ".csv", ".xlsx")
MAX_BYTES = 20 * 1024 * 1024


def read_procedure_file(
    data: bytes, filename: str, *, limits: Limits | None = None
) -> ProcedureListRecord:
    """Parse ``data`` as the kind of file ``filename`` names; the name becomes the source."""
    limits = limits or current_limits()
    source = PurePath(filename).name
    if len(data) > MAX_BYTES:
        raise ProcedureFileError(
            f"Tệp “{source}” quá lớn ({len(data) / 1048576:.1f} MB); chỉ nhận tệp tới "
            f"{MAX_BYTES / 1048576:.0f} MB.",
            f"{filename}: {len(data)} bytes exceeds the limit of {MAX_BYTES} bytes",
        )
    return run_bounded(
        _read, data, filename, limits, filename=source, limits=limits, error=ProcedureFileError
    )


def _read(data: bytes, filename: str, limits: Limits) -> ProcedureListRecord:
    source = PurePath(filename).name
    extension = PurePath(filename).suffix.lower()
    if extension in {".txt", ".md"}:
        return parse_procedure_text(decode(data, source), source)
    if extension == ".csv":
        return parse_procedure_csv(data, source, limits)
    if extension == ".xlsx":
        return parse_procedure_xlsx(data, source, limits)
    raise ProcedureFileError(
        f'Không hỗ trợ tệp "{extension or filename}". Hãy tải lên tệp '
        + ", ".join(SUPPORTED_EXTENSIONS)
        + ".",
        f"{filename}: unsupported extension {extension!r}",
    )
