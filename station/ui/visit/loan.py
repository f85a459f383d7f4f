"""Loan: amount, term, rate, method; the APR in large type and the whole schedule, before anything is signed.

The figures come from :func:`station.core.loan.quote`, worked out again at every change; the limits of
the product are the visit's to check when the officer confirms.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
)

from station.core import loan
from station.core.models import LoanOffer, LoanQuote, LoanTerms, Record, RepaymentMethod
from station.core.visit import Step
from station.errors import StationError
from station.ui.messages import error_text
from station.ui.visit.page import StepPage
from station.ui.widgets.schedule import ScheduleChart, ScheduleTable, money

_METHODS = {
    RepaymentMethod.EQUAL_INSTALMENT: QT_TRANSLATE_NOOP("LoanPage", "Equal instalments (等额本息)"),
    RepaymentMethod.EQUAL_PRINCIPAL: QT_TRANSLATE_NOOP("LoanPage", "Equal principal (等额本金)"),
    RepaymentMethod.INTEREST_ONLY: QT_TRANSLATE_NOOP("LoanPage", "Monthly interest, principal at the end "
                                                                 "(按月付息到期还本)"),
}


def _amount_box(maximum: float, step: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, maximum)
    box.setDecimals(2)
    box.setSingleStep(step)
    box.setGroupSeparatorShown(True)
    return box


def _decimal(box: QDoubleSpinBox) -> Decimal:
    return Decimal(f"{box.value():.2f}")


class LoanPage(StepPage):
    step = Step.LOAN

    def __init__(self, view: object) -> None:
        super().__init__(view)  # type: ignore[arg-type]
        self.quote: LoanQuote | None = None
        self.start: date | None = None  # the drawdown date the schedule counts from: the visit's day
        self.amount = _amount_box(10_000_000, 10_000)
        self.amount.setSuffix(" " + self.tr("CNY"))
        self.months = QSpinBox()
        self.months.setRange(1, loan.MAX_MONTHS)
        self.months.setSuffix(" " + self.tr("months"))
        self.rate = QDoubleSpinBox()
        self.rate.setRange(0, 99.99)
        self.rate.setDecimals(2)
        self.rate.setSingleStep(0.05)
        self.rate.setSuffix(" %")
        self.method = QComboBox()
        for method, label in _METHODS.items():
            self.method.addItem(QCoreApplication.translate("LoanPage", label), method.value)
        self.fees = _amount_box(1_000_000, 100)
        self.fees.setSuffix(" " + self.tr("CNY"))
        self.has_line = QCheckBox(self.tr("Pre-approved line (household rated)"))
        self.line = _amount_box(10_000_000, 10_000)
        self.line.setSuffix(" " + self.tr("CNY"))
        self.excluded = QCheckBox(self.tr("On the dishonest-persons list (失信被执行人)"))
        self.apr = QLabel()
        self.apr.setProperty("role", "big")
        self.apr.setAccessibleName(self.tr("Annual percentage rate"))
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.table = ScheduleTable()
        self.chart = ScheduleChart()
        tabs = QTabWidget()
        tabs.addTab(self.table, self.tr("Schedule"))
        tabs.addTab(self.chart, self.tr("Chart"))

        form = QFormLayout()
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Term"), self.months)
        form.addRow(self.tr("Yearly rate"), self.rate)
        form.addRow(self.tr("Repayment"), self.method)
        form.addRow(self.tr("Fees at drawdown"), self.fees)
        line_row = QHBoxLayout()
        line_row.addWidget(self.has_line)
        line_row.addWidget(self.line, 1)
        form.addRow(line_row)
        form.addRow(self.excluded)
        caption = QLabel(self.tr("Annual percentage rate (APR)"))
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(caption)
        left.addWidget(self.apr)
        left.addWidget(self.totals)
        left.addWidget(self.problem)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(tabs, 3)
        self.body.addLayout(columns, 1)
        for box in (self.amount, self.rate, self.fees, self.line):
            box.valueChanged.connect(self._requote)
        self.months.valueChanged.connect(self._requote)
        self.method.currentIndexChanged.connect(self._requote)
        self.has_line.toggled.connect(self._requote)
        self.excluded.toggled.connect(self._requote)

    def fill(self, record: Record | None) -> None:
        offer = record if isinstance(record, LoanOffer) else None
        terms = offer.terms if offer else LoanTerms(Decimal("100000"), 24, Decimal("3.45"),
                                                     RepaymentMethod.EQUAL_INSTALMENT)
        self.start = offer.start if offer and offer.start else self.today()  # drawn on the day of the visit
        self.amount.setValue(float(terms.amount))
        self.months.setValue(terms.months)
        self.rate.setValue(float(terms.annual_rate))
        self.method.setCurrentIndex(self.method.findData(RepaymentMethod(terms.method).value))
        self.fees.setValue(float(terms.fees))
        self.has_line.setChecked(terms.credit_line is not None)
        self.line.setValue(float(terms.credit_line or 0))
        self.excluded.setChecked(terms.excluded)
        self._requote()

    def setEnabledInputs(self, editable: bool) -> None:  # noqa: N802
        for widget in (self.amount, self.months, self.rate, self.method, self.fees, self.has_line, self.line,
                       self.excluded):
            widget.setEnabled(editable)
        self.line.setEnabled(editable and self.has_line.isChecked())

    def terms(self) -> LoanTerms:
        return LoanTerms(_decimal(self.amount), self.months.value(), _decimal(self.rate),
                         RepaymentMethod(self.method.currentData()), _decimal(self.fees),
                         _decimal(self.line) if self.has_line.isChecked() else None, self.excluded.isChecked())

    def _requote(self) -> None:
        self.line.setEnabled(self.editable and self.has_line.isChecked())
        try:
            self.quote = loan.quote(self.terms(), self.start or self.today())
        except StationError as exc:
            self.quote = None
            self.problem.setText(error_text(exc))
            self.apr.setText("—")
            self.totals.clear()
            self.table.show_schedule([])
        else:
            q = self.quote
            self.problem.clear()
            self.apr.setText(f"{q.apr} %")
            self.totals.setText(self.tr("First payment %1 CNY · total interest %2 CNY · %3 payments")
                                .replace("%1", money(str(q.first_payment)))
                                .replace("%2", money(str(q.total_interest)))
                                .replace("%3", str(len(q.schedule))))
            self.table.show_schedule(q.schedule)
            self.chart.show_schedule(q.schedule)
        self.changed.emit()

    def collect(self) -> Record | None:
        return LoanOffer(self.terms(), self.quote, self.start) if self.quote is not None else None

    def ready(self) -> bool:
        return self.quote is not None

    def next_text(self) -> str:
        return self.tr("Agree the loan")
