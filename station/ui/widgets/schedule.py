"""The repayment schedule as a table and as a chart (principal and interest of each payment)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

COLUMNS = ("period", "due_date", "payment", "principal", "interest", "balance")


def money(value: str) -> str:
    """An amount of CNY as the current language writes it, to the fen."""
    return QLocale().toString(float(value), "f", 2)


class ScheduleTable(QTableWidget):
    """One row per payment: number, due date, payment, principal, interest, balance after it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([self.tr("No."), self.tr("Due date"), self.tr("Payment"),
                                        self.tr("Principal"), self.tr("Interest"), self.tr("Balance")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setAlternatingRowColors(True)
        self.setMinimumHeight(260)

    def show_schedule(self, rows: Sequence[dict[str, str]]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, key in enumerate(COLUMNS):
                text = row[key] if key in ("period", "due_date") else money(row[key])
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)


class ScheduleChart(QChartView):
    """Stacked bars: the principal and the interest of each payment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.chart_ = QChart()
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(self.chart_)

    def show_schedule(self, rows: Sequence[dict[str, str]]) -> None:
        chart = self.chart_
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        principal, interest = QBarSet(self.tr("Principal")), QBarSet(self.tr("Interest"))
        principal.setColor(QColor("#1f6feb"))
        interest.setColor(QColor("#f0883e"))
        for row in rows:
            principal.append(float(row["principal"]))
            interest.append(float(row["interest"]))
        series = QStackedBarSeries()
        series.append(principal)
        series.append(interest)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        months = QBarCategoryAxis()
        step = max(1, len(rows) // 12)
        months.append([row["period"] if (i % step == 0 or i == len(rows) - 1) else " " * (i + 1)
                       for i, row in enumerate(rows)])
        amounts = QValueAxis()
        amounts.setLabelFormat("%.0f")
        top = max((float(r["payment"]) for r in rows), default=1.0)
        amounts.setRange(0, top * 1.05)
        amounts.applyNiceNumbers()
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(amounts)
        chart.setTitle(self.tr("Each payment: principal and interest (CNY)"))
