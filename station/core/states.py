"""The names a case and its steps are stored under: the steps in visit order, a case's status, a step's state.

Plain values that the store writes and the visit reads (the rules that move a case from step to step are
in :mod:`station.core.visit`). They are ``StrEnum`` members, so they are stored, compared and printed as
the strings they always were.
"""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    """A step of the visit; the members are in visit order."""

    SIGN_IN = "sign_in"
    ID_CARD = "id_card"
    FACE = "face"
    ACCOUNT = "account"
    LOAN = "loan"
    DOCUMENTS = "documents"
    SIGNATURE = "signature"
    DONE = "done"


class CaseStatus(StrEnum):
    """Whether a case can still change: open until its last step is done."""

    OPEN = "open"
    DONE = "done"


class StepState(StrEnum):
    """Where a step of a case stands; only done and stale steps are stored, a pending one has no row yet."""

    DONE = "done"
    STALE = "stale"
    PENDING = "pending"
