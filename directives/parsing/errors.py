"""The one error the importer raises for a file it cannot read."""

from __future__ import annotations


class ImportFileError(Exception):
    """A file that cannot be imported: a message for the editor and a detail for the log.

    ``message_vi`` is shown to people (Vietnamese, no jargon); ``log_detail`` says exactly
    what was found (sizes, magic bytes, the library's exception) for the operator.
    """

    def __init__(self, message_vi: str, log_detail: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.log_detail = log_detail

    def __str__(self) -> str:
        return f"{self.message_vi} ({self.log_detail})"
