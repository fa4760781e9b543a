"""Read provincial procedure lists (decision text, CSV, XLSX) into ProcedureListRecord.

Pure Python, no Django import: the import command, the tests and any later API call these.
See docs/procedure-record.md for the output contract and ``spreadsheet`` for the CSV/XLSX
header.
"""

from procedures.parsing.errors import ProcedureFileError
from procedures.parsing.files import SUPPORTED_EXTENSIONS, read_procedure_file
from procedures.parsing.record import Decision, ProcedureListRecord, ProcedureRecord
from procedures.parsing.spreadsheet import HEADER_SPEC, parse_procedure_csv, parse_procedure_xlsx
from procedures.parsing.text import parse_procedure_text

__all__ = [
    "HEADER_SPEC",
    "SUPPORTED_EXTENSIONS",
    "Decision",
    "ProcedureFileError",
    "ProcedureListRecord",
    "ProcedureRecord",
    "parse_procedure_csv",
    "parse_procedure_text",
    "parse_procedure_xlsx",
    "read_procedure_file",
]
