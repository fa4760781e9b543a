"""The one error the procedure importer raises for a file it cannot read."""


class ProcedureFileError(ValueError):
    """A procedure list that cannot be read at all.

    ``message_vi`` is shown to the editor who uploaded the file; ``log_detail`` tells an
    operator exactly what went wrong (byte offsets, the exception from the reader, ...).
    Row-level problems are never raised: they become warnings on the record, so one bad row
    does not hide the other two hundred.
    """

    def __init__(self, message_vi: str, log_detail: str = "") -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.log_detail = log_detail or message_vi

    def __str__(self) -> str:
        return (
            f"{self.message_vi} ({self.log_detail})"
            if self.log_detail != self.message_vi
            else self.message_vi
        )
