"""The step pages of the visit, in visit order."""

from __future__ import annotations

from station.ui.visit.account import AccountPage
from station.ui.visit.documents import DocumentsPage
from station.ui.visit.done import DonePage
from station.ui.visit.face import FacePage
from station.ui.visit.idcard import IdCardPage
from station.ui.visit.loan import LoanPage
from station.ui.visit.page import StepPage
from station.ui.visit.signature import SignaturePage

PAGE_TYPES: list[type[StepPage]] = [IdCardPage, FacePage, AccountPage, LoanPage, DocumentsPage, SignaturePage, DonePage]
