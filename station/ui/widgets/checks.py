"""A list of check results in words: passed, worth a look, failed (and whether it may be overridden)."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from station.core.checks import CheckResult, CheckStatus, Severity
from station.ui.messages import describe
from station.ui.theme import STATUS_COLOURS

_MARK = {CheckStatus.PASS: "✓", CheckStatus.WARN: "!", CheckStatus.FAIL: "✗"}


class ChecksView(QLabel):
    """Shows check results; ``only_problems`` hides the passed ones."""

    def __init__(self, parent: QWidget | None = None, *, only_problems: bool = False) -> None:
        super().__init__(parent)
        self.only_problems = only_problems
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.checks: list[CheckResult] = []

    def show_checks(self, checks: Iterable[CheckResult]) -> None:
        self.checks = list(checks)
        shown = [c for c in self.checks if not (self.only_problems and c.status is CheckStatus.PASS)]
        lines = []
        for check in shown:
            text = html.escape(describe(check))
            if check.status is CheckStatus.FAIL:
                text += " " + html.escape(self.tr("(the officer may go on with a reason)")
                                          if check.severity is Severity.OVERRIDABLE else self.tr("(must be fixed)"))
            colour = STATUS_COLOURS[check.status.value]
            lines.append(f'<div style="color:{colour}">{_MARK[check.status]} {text}</div>')
        self.setText("".join(lines))
        self.setAccessibleDescription(self.text_plain())

    def text_plain(self) -> str:
        """The checks as shown, without markup (for screen readers and tests)."""
        return "\n".join(describe(c) for c in self.checks
                         if not (self.only_problems and c.status is CheckStatus.PASS))
