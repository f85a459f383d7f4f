"""The cases on this station: open ones to resume where they stopped, finished ones to look at."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.core.states import CaseStatus
from station.ui.visit.steps import case_status_title, step_title

if TYPE_CHECKING:
    from station.store.cases import CaseSummary, Store
    from station.store.officers import SignedIn


class CasesPage(QWidget):
    """New visit, and the list of cases (masked names), newest first, filtered by open or finished."""

    newVisit = Signal()
    openCase = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.officer: SignedIn | None = None
        self.cases: list[CaseSummary] = []
        self.title = QLabel(self.tr("Cases"))
        self.title.setProperty("role", "title")
        self.new_button = QPushButton(self.tr("New visit"))
        self.new_button.setProperty("primary", True)
        self.new_button.clicked.connect(self.newVisit.emit)
        self.filters = QButtonGroup(self)
        filter_row = QHBoxLayout()
        for status, label in ((CaseStatus.OPEN, self.tr("Open")), (CaseStatus.DONE, self.tr("Finished")),
                              ("", self.tr("All"))):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setProperty("status", status)
            self.filters.addButton(button)
            filter_row.addWidget(button)
        filter_row.addStretch(1)
        self.filters.buttons()[0].setChecked(True)
        self.filters.buttonClicked.connect(lambda _: self.refresh())
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("Status"), self.tr("Step"), self.tr("Officer"), self.tr("Updated")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(lambda _: self._open_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.open_button = QPushButton(self.tr("Resume"))
        self.open_button.clicked.connect(self._open_selected)
        self.empty = QLabel()
        self.empty.setProperty("role", "hint")

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.new_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.empty, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.new_button, self.table)
        self.setTabOrder(self.table, self.open_button)

    def show_for(self, officer: SignedIn) -> None:
        self.officer = officer
        self.refresh()
        self.new_button.setFocus()

    def clear(self) -> None:
        """Forget the names shown (on lock or sign-out)."""
        self.officer = None
        self.cases = []
        self.table.setRowCount(0)

    def refresh(self) -> None:
        if self.officer is None:
            return
        status = self.filters.checkedButton().property("status")
        self.cases = self.store.list_cases(self.officer, CaseStatus(status) if status else None)
        self.table.setRowCount(len(self.cases))
        for row, case in enumerate(self.cases):
            values = (case.customer, case_status_title(case.status),
                      step_title(case.step) if case.status is CaseStatus.OPEN else "—",
                      case.officer_id, f"{case.updated_at.astimezone():%Y-%m-%d %H:%M}")
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, case.id)
                self.table.setItem(row, col, item)
        self.empty.setText("" if self.cases else self.tr("No cases here yet."))
        self._selection_changed()

    def _selected(self) -> CaseSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.cases[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        case = self._selected()
        self.open_button.setEnabled(case is not None)
        self.open_button.setText(self.tr("View") if case and case.status is not CaseStatus.OPEN else self.tr("Resume"))

    def _open_selected(self) -> None:
        case = self._selected()
        if case is not None:
            self.openCase.emit(case.id)
