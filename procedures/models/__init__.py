"""The procedure catalogue's models: pages in ``pages``, directive obligations in
``obligations``."""

from procedures.models.obligations import Obligation
from procedures.models.pages import (
    OnlineLevelChange,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedurePage,
)

__all__ = [
    "Obligation",
    "OnlineLevelChange",
    "ProcedureIndexPage",
    "ProcedureLegalBasis",
    "ProcedurePage",
]
