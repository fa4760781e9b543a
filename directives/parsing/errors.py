"""The one error the importer raises for a file it cannot read."""

from __future__ import annotations

from reading.errors import UserFacingError


class ImportFileError(UserFacingError):
    """A file that cannot be imported: a message for the editor and a detail for the log.

    ``message_vi`` is shown to people (Vietnamese, no jargon); ``log_detail`` says exactly
    what was found (sizes, magic bytes, the library's exception) for the operator.
    """
