from .budget import (
    BudgetPeriod,
    EntryKind,
    FunderKind,
    FundingStream,
    LedgerCheckpoint,
    LedgerEntry,
)
from .cheques import Cheque, ChequeState, RedemptionAttempt
from .course_counts import CourseChequeDay
from .plans import PlanCourse, PlanState, TrainingPlan
from .schemes import LowAttendancePolicy, RecognisedProvider, Scheme

__all__ = [
    "BudgetPeriod",
    "Cheque",
    "ChequeState",
    "CourseChequeDay",
    "EntryKind",
    "FunderKind",
    "FundingStream",
    "LedgerCheckpoint",
    "LedgerEntry",
    "LowAttendancePolicy",
    "PlanCourse",
    "PlanState",
    "RecognisedProvider",
    "RedemptionAttempt",
    "Scheme",
    "TrainingPlan",
]
