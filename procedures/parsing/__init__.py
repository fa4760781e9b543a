"""Read provincial procedure lists (decision text, CSV, XLSX) into ProcedureListRecord.

Pure Python, no Django import: the import command, the tests and any later API call these.
See docs/procedure-record.md for the output contract.
"""

from procedures.parsing.errors import ProcedureFileError
from procedures.parsing.record import Decision, ProcedureListRecord, ProcedureRecord
from procedures.parsing.text import parse_procedure_text

__all__ = [
    "Decision",
    "ProcedureFileError",
    "ProcedureListRecord",
    "ProcedureRecord",
    "parse_procedure_text",
]
