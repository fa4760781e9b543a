"""The one shape of error every importer raises: a message for people and a detail for the log."""

from __future__ import annotations


class UserFacingError(Exception):
    """``message_vi`` is shown to people (Vietnamese, no jargon); ``log_detail`` says exactly
    what was found (sizes, magic bytes, the library's exception, the rule) for the operator.
    Each importer and check subclasses it, so callers catch their own kind."""

    def __init__(self, message_vi: str, log_detail: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.log_detail = log_detail

    def __str__(self) -> str:
        return f"{self.message_vi} ({self.log_detail})"
