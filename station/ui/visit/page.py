"""What every step page has: a title, its content, the checks of the last submission, and how it submits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from station.config import Settings
from station.core.models import Record
from station.core.states import StepState
from station.core.visit import Outcome, Step, Visit
from station.ui.visit.steps import step_title
from station.ui.widgets.checks import ChecksView


class PageHost(Protocol):
    """What a step page asks of the view that shows it (:class:`station.ui.visit.view.VisitView`)."""

    settings: Settings

    def submit(self, record: Record, overrides: dict[str, str] | None = None) -> Outcome | None: ...

    def guard(self, action: Callable[[], Any]) -> bool: ...


class StepPage(QWidget):
    """One step of the visit on screen. Subclasses fill ``body`` and implement ``load`` and ``collect``."""

    step: ClassVar[Step]
    changed = Signal()  # readiness or the next button's label may have changed

    def __init__(self, view: PageHost) -> None:
        super().__init__()
        self.view = view
        self.visit: Visit | None = None
        self.editable = False
        self.title = QLabel(step_title(self.step))  # the step bar names the step; shown where a page says more
        self.title.setProperty("role", "title")
        self.title.hide()
        self.setAccessibleName(step_title(self.step))
        self.checks = ChecksView()
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.checks)

    def load(self, visit: Visit, editable: bool) -> None:
        """Show the step for ``visit``: its last data when there is some; inputs enabled if ``editable``."""
        self.visit, self.editable = visit, editable
        record = visit.step_state(self.step) is not StepState.PENDING and visit.output(self.step)
        stored = visit.state.steps.get(self.step.value)
        self.checks.show_checks(stored.checks if stored else [])
        self.fill(record or None)
        self.setEnabledInputs(editable)
        self.changed.emit()

    def today(self) -> date:
        """The day of the visit, on the station's clock (what the visit checks dates against); before a visit
        is open (nothing is checked then), the computer's."""
        return self.visit.today() if self.visit else date.today()

    def fill(self, record: Record | None) -> None:
        """Put a stored record (or nothing) on screen."""

    def setEnabledInputs(self, editable: bool) -> None:  # noqa: N802 - Qt naming, like setEnabled
        """Let the officer change the inputs or not (a done step is looked at, not edited)."""

    def collect(self) -> Record | None:
        """The step's data from the screen, or None when it is not complete yet."""
        return None

    def ready(self) -> bool:
        """Whether the next button may submit now."""
        return True

    def next_text(self) -> str:
        return self.tr("Confirm and continue")

    def proceed(self) -> None:
        """The officer pressed next on the visit's current step: submit what is on screen."""
        record = self.collect()
        if record is not None:
            self.view.submit(record)

    def show_outcome(self, outcome: Outcome) -> None:
        self.checks.show_checks(outcome.checks)

    def stay_after(self, outcome: Outcome) -> bool:
        """Stay on this page after it was accepted (to show what the step issued)."""
        return False

    def leave(self) -> None:
        """The page goes off screen (another step, a lock): stop cameras and timers."""

    def resume(self) -> None:
        """The page is back on screen after a lock, with what the officer had entered."""
