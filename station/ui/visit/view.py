"""The visit on screen: the step bar, the page of the step, and back and next.

The view asks :class:`station.core.visit.Visit` for everything: which step the visit is at, each step's
state, whether a submission is accepted, blocked or needs an officer's override. It decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from station.config import Settings
from station.core.models import Record
from station.core.session import SessionLockedError
from station.core.states import StepState
from station.core.visit import ORDER, SPECS, Outcome, Step, Visit
from station.errors import StationError
from station.ui.messages import error_text
from station.ui.visit.override import OverrideDialog, ReasonDialog
from station.ui.visit.page import StepPage
from station.ui.visit.steps import step_title
from station.ui.widgets.step_bar import StepBar

NEXT_KEYS = ("Ctrl+Return", "Alt+Right")
BACK_KEYS = ("Alt+Left",)


class VisitView(QWidget):
    """Shows one step page at a time; submits through the visit; back and next move between steps."""

    closed = Signal()  # the officer went back to the cases
    locked = Signal(str)  # the session locked itself during an action
    finished = Signal(str)  # the case id, once the visit is done

    def __init__(self, settings: Settings, page_types: list[type[StepPage]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings  # what the pages need: camera, OCR engine, thresholds, keys
        self.visit: Visit | None = None
        self.on_screen = Step.ID_CARD
        self.bar = StepBar()
        self.bar.stepChosen.connect(lambda value: self.show_step(Step(value)))
        self.stack = QStackedWidget()
        self.pages: dict[Step, StepPage] = {}
        self.scrolls: dict[Step, QScrollArea] = {}
        for page_type in page_types:
            page = page_type(self)
            page.changed.connect(self._update_nav)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            self.pages[page.step] = page
            self.scrolls[page.step] = scroll
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setToolTip(_keys(BACK_KEYS))
        self.back_button.clicked.connect(self.go_back)
        self.redo_button = QPushButton(self.tr("Redo this step"))
        self.redo_button.clicked.connect(self.redo)
        self.next_button = QPushButton()
        self.next_button.setProperty("primary", True)
        self.next_button.setToolTip(_keys(NEXT_KEYS))
        self.next_button.setMinimumWidth(260)
        self.next_button.clicked.connect(self.go_next)
        for keys, slot in ((NEXT_KEYS, self.go_next), (BACK_KEYS, self.go_back)):
            for key in keys:
                QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WindowShortcut)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.redo_button)
        nav.addWidget(self.message, 1)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(nav)

    # --- what is on screen ------------------------------------------------------------------

    @property
    def page(self) -> StepPage:
        return self.pages[self.on_screen]

    def open(self, visit: Visit) -> None:
        """Show ``visit`` at its current step (a new one, or one resumed after an interruption)."""
        self.visit = visit
        self.show_step(visit.current_step)

    def close_visit(self) -> None:
        """Leave the visit (it stays resumable from the case list) and forget what was on screen."""
        if self.visit is not None:
            self.page.leave()
        self.visit = None

    def show_step(self, step: Step) -> None:
        visit = self.visit
        if visit is None or step not in self.pages:
            return
        if self.stack.currentWidget() is not None and self.on_screen in self.pages:
            self.page.leave()
        self.on_screen = step
        self.message.clear()
        editable = step is visit.current_step and not visit.is_done
        if not self.guard(lambda: self.page.load(visit, editable)):
            return
        self.stack.setCurrentWidget(self.scrolls[step])
        self._update_nav()
        self.page.setFocus()
        focus = self.page.nextInFocusChain()
        if focus is not None and editable:
            focus.setFocus()

    def _update_nav(self) -> None:
        visit = self.visit
        if visit is None:
            return
        step = self.on_screen
        current = step is visit.current_step and not visit.is_done
        self.bar.show_state(visit.step_state, visit.current_step, step)
        self.back_button.setEnabled(_before(step) is not None and step is not Step.DONE)
        self.redo_button.setVisible(not current and not visit.is_done and SPECS[step].redo
                                    and visit.step_state(step) is StepState.DONE)
        if step is Step.DONE:
            self.next_button.setText(self.tr("Back to the cases"))
            self.next_button.setEnabled(True)
        elif current:
            self.next_button.setText(self.page.next_text())
            self.next_button.setEnabled(self.page.ready())
        else:
            self.next_button.setText(self.tr("Forward to %1").replace("%1", step_title(self._forward(step))))
            self.next_button.setEnabled(True)

    # --- moving -----------------------------------------------------------------------------

    def go_next(self) -> None:
        visit = self.visit
        if visit is None or not self.next_button.isEnabled() or not self.isVisible():
            return
        step = self.on_screen
        if step is Step.DONE:
            self.close_visit()
            self.closed.emit()
        elif step is visit.current_step and not visit.is_done:
            self.page.proceed()
        else:
            self.show_step(self._forward(step))

    def _forward(self, step: Step) -> Step:
        """The next step that can be shown after ``step``: a done one, or the one the visit waits at."""
        visit = self.visit
        assert visit is not None
        for later in ORDER[ORDER.index(step) + 1:]:
            if later is visit.current_step or visit.step_state(later) is StepState.DONE:
                return later
        return visit.current_step

    def go_back(self) -> None:
        before = _before(self.on_screen)
        if before is not None and self.back_button.isEnabled() and self.isVisible():
            self.show_step(before)

    def redo(self) -> None:
        """Ask for the reason, then send the visit back to the step on screen (later steps become stale)."""
        visit, step = self.visit, self.on_screen
        if visit is None:
            return
        dialog = ReasonDialog(self.tr("Redo %1").replace("%1", step_title(step)),
                              self.tr("Why must this step be done again? The reason is recorded in the case."),
                              self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.guard(lambda: visit.redo(step, dialog.reason())):
            self.show_step(step)

    def submit(self, record: Record, overrides: dict[str, str] | None = None) -> Outcome | None:
        """Submit the step on screen; ask for override reasons when the visit says they are needed."""
        visit, page = self.visit, self.page
        if visit is None:
            return None
        submit: Callable[..., Outcome] = getattr(visit, f"submit_{page.step.value}")
        outcome: Outcome | None = None

        def run() -> None:
            nonlocal outcome
            outcome = submit(record, overrides)

        if not self.guard(run) or outcome is None:
            return None
        page.show_outcome(outcome)
        if outcome.accepted:
            self.message.clear()
            if visit.is_done:
                self.finished.emit(visit.case_id)
            if page.stay_after(outcome):
                self._update_nav()
            else:
                self.show_step(visit.current_step)
        elif outcome.blocked:
            self.message.setText(self.tr("This step cannot go on yet: see the checks above."))
        else:
            dialog = OverrideDialog(outcome.needs_override, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return self.submit(record, dialog.reasons())
            self.message.setText(self.tr("Not saved: an officer's reason is needed to go on."))
        return outcome

    def guard(self, action: Callable[[], Any]) -> bool:
        """Run ``action``; a locked session locks the window, any other error is said in the message line."""
        try:
            action()
        except SessionLockedError as exc:
            self.locked.emit(error_text(exc))
            return False
        except StationError as exc:
            self.message.setText(error_text(exc))
            return False
        return True


def _keys(keys: tuple[str, ...]) -> str:
    """Shortcuts as the platform and the language write them (Qt translates the key names)."""
    return " / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def _before(step: Step) -> Step | None:
    index = ORDER.index(step)
    return ORDER[index - 1] if index > 1 else None
