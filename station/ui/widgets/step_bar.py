"""Where the officer is in the visit and what comes next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from station.core.states import StepState
from station.core.visit import ORDER, Step
from station.ui.visit.steps import state_title, step_title

_MARKS = {StepState.DONE: "✓", StepState.STALE: "⟳", StepState.PENDING: "○"}
_STYLE = {
    "current": "background:#1f6feb; color:white; font-weight:bold; border-radius:6px;",
    StepState.DONE: "background:#dafbe1; color:#1a7f37; border-radius:6px;",
    StepState.STALE: "background:#fff4d6; color:#8a5a00; border-radius:6px;",
    StepState.PENDING: "background:#f0f0f0; color:#555; border-radius:6px;",
}


class StepBar(QWidget):
    """One button per step (done, to redo, to do; the one on screen highlighted) and the next step in words.

    A done step can be opened to look at it; the others cannot be reached before their turn.
    """

    stepChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[Step, QToolButton] = {}
        row = QHBoxLayout()
        row.setSpacing(6)
        for step in ORDER:
            if step is Step.SIGN_IN:
                continue
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tab order stays in the page
            button.clicked.connect(lambda _=False, s=step: self.stepChosen.emit(s.value))
            row.addWidget(button, 1)
            self.buttons[step] = button
        self.next_label = QLabel()
        self.next_label.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.next_label)

    def show_state(self, state_of: Callable[[Step], StepState], current: Step, on_screen: Step) -> None:
        """Mark each step with ``state_of(step)``; ``current`` is the visit's step, ``on_screen`` the page shown."""
        for step, button in self.buttons.items():
            state = (state_of(step) if step is not Step.DONE
                     else StepState.DONE if current is Step.DONE else StepState.PENDING)
            button.setText(f"{_MARKS[state]} {step_title(step)}")
            button.setToolTip(state_title(state))
            button.setAccessibleName(f"{step_title(step)}: {state_title(state)}")
            button.setStyleSheet(_STYLE["current" if step is on_screen else state])
            button.setEnabled(state is StepState.DONE or step is current)
        if current is Step.DONE:
            self.next_label.setText(self.tr("The visit is finished."))
        elif on_screen is current:
            after = next((s for s in ORDER[1:] if s is not current and state_of(s) is not StepState.DONE), Step.DONE)
            self.next_label.setText(
                self.tr("Now: %1. Next: %2.").replace("%1", step_title(current)).replace("%2", step_title(after)))
        else:
            self.next_label.setText(self.tr("Looking back at %1; the visit waits at %2.")
                                    .replace("%1", step_title(on_screen)).replace("%2", step_title(current)))
