"""Background work for the GUI: one small mechanism, after Anki's ``QueryOp``.

``run_in_background(parent, work, on_success, on_failure)`` runs ``work`` on the thread pool and calls
back on the GUI thread. The work never touches widgets; the callbacks never do slow work. When
``parent`` is gone by the time the work ends (its window was closed), the callbacks are not called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_running: set[_Relay] = set()  # relays whose work has not reported back yet


class _Relay(QObject):
    """Carries the outcome to the GUI thread. It has no Qt parent, so closing a window cannot delete it
    while the work still runs; it deletes itself once it has reported."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, owner: QObject, on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        super().__init__()
        self.owner, self.on_success, self.on_failure = owner, on_success, on_failure
        self.succeeded.connect(self._succeeded)
        self.failed.connect(self._failed)

    def _succeeded(self, result: object) -> None:
        self._report(self.on_success, result)

    def _failed(self, exc: BaseException) -> None:
        self._report(self.on_failure, exc)

    def _report(self, callback: Callable[[Any], None], value: object) -> None:
        try:
            if shiboken6.isValid(self.owner):
                callback(value)
        finally:
            _running.discard(self)
            self.deleteLater()


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work, self.relay = work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread as a failure
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


def run_in_background(parent: QObject, work: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None]) -> None:
    """Run ``work`` off the GUI thread; the callbacks run on the GUI thread while ``parent`` exists."""
    relay = _Relay(parent, on_success, on_failure)
    _running.add(relay)
    QThreadPool.globalInstance().start(_Job(work, relay))
