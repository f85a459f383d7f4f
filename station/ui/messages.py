"""What the core says, in the officer's language.

Check results and errors carry a :class:`~station.messages.Message` (an id and its arguments); here it is
said in the language :func:`station.ui.i18n.install_translations` chose, from the Fluent catalogues in
``assets/messages/``. Nothing is decided here.
"""

from __future__ import annotations

from collections.abc import Iterable

from station.core.checks import CheckResult
from station.errors import StationError
from station.messages import Message, current_language, render


def say(message: Message) -> str:
    """``message`` in the current language."""
    return render(message, current_language())


def join(items: Iterable[str]) -> str:
    """Items listed as the current language lists them (、 in Chinese)."""
    return say(Message("list-separator")).join(items)


def describe(check: CheckResult) -> str:
    """A check's reason in the current language."""
    return say(check.message)


def error_text(exc: BaseException) -> str:
    """An error for the officer: the station's own message, anything else named as unexpected."""
    if isinstance(exc, StationError):
        return say(exc.message)
    return say(Message("unexpected-error", {"error": type(exc).__name__}))
