"""The names a case's steps are stored under, in visit order.

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

