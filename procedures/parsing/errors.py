"""The one error the procedure importer raises for a file it cannot read."""

from __future__ import annotations

from reading.errors import UserFacingError


class ProcedureFileError(UserFacingError):
    """A procedure list that cannot be read at all.

    Row-level problems are never raised: they become warnings on the record, so one bad row
    does not hide the other two hundred.
    """
