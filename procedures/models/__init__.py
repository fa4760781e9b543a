"""The procedure catalogue's models: pages in ``pages``, directive obligations in
``obligations``."""

from procedures.models.obligations import Obligation
from procedures.models.pages import (
    OnlineLevelChange,
    ProcedureForm,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedurePage,
    ProcedureStep,
)

__all__ = [
    "Obligation",
    "OnlineLevelChange",
    "ProcedureIndexPage",
    "ProcedureForm",
    "ProcedureLegalBasis",
    "ProcedurePage",
    "ProcedureStep",
]
