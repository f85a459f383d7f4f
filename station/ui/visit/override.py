"""The officer's override: a reason for each check that may be overridden, recorded in the case."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from station.core.checks import CheckResult
from station.ui.messages import describe


class OverrideDialog(QDialog):
    """Lists the failed checks the officer may override; each needs its own written reason."""

    def __init__(self, checks: list[CheckResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Officer override"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("These checks failed. You may go on only if you have checked the matter yourself; "
                               "write why for each. Your reasons are recorded in the case with your officer id."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.edits: dict[str, QPlainTextEdit] = {}
        for check in checks:
            label = QLabel("✗ " + describe(check))
            label.setWordWrap(True)
            edit = QPlainTextEdit()
            edit.setPlaceholderText(self.tr("Reason for going on"))
            edit.setAccessibleName(self.tr("Reason for going on"))
            edit.setFixedHeight(80)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._update)
            layout.addWidget(label)
            layout.addWidget(edit)
            self.edits[check.name] = edit
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("Override and go on"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(all(e.toPlainText().strip() for e in self.edits.values()))

    def reasons(self) -> dict[str, str]:
        """Check name -> the officer's reason (the visit decides whether a reason is enough)."""
        return {name: edit.toPlainText().strip() for name, edit in self.edits.items()}


class ReasonDialog(QDialog):
    """Asks for one written reason (redoing a step)."""

    def __init__(self, title: str, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        label = QLabel(question)
        label.setWordWrap(True)
        self.edit = QPlainTextEdit()
        self.edit.setFixedHeight(80)
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(question)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("OK"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason())))
        self.ok.setEnabled(False)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)

    def reason(self) -> str:
        return self.edit.toPlainText().strip()
