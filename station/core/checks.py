"""Named check results: what the station checked, what it found, and why.

Every rule the station applies (an ID number's check digit, a card's validity, a face match, a loan
limit) returns a :class:`CheckResult`, never a bare boolean, so the officer sees the reason and the
audit trail records the figures. The reason is a :class:`~station.messages.Message` (an id and the
arguments its sentence names); the figures are the audit data, and may repeat some of the arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from station.messages import Arg, Message, render, verbatim


class CheckStatus(StrEnum):
    """Outcome of one check."""

    PASS = "pass"
    WARN = "warn"  # worth the officer's attention, does not stop the visit
    FAIL = "fail"


class Severity(StrEnum):
    """What a failed check does to the visit."""

    BLOCKING = "blocking"  # cannot be overridden: fix the input or redo the step
    OVERRIDABLE = "overridable"  # the officer may go on with a recorded reason


@dataclass(frozen=True)
class CheckResult:
    """The result of one named check, with its reason (a message) and the figures behind it."""

    name: str
    status: CheckStatus
    message: Message
    severity: Severity = Severity.BLOCKING
    figures: Mapping[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.status is not CheckStatus.FAIL

    @property
    def reason(self) -> str:
        """The reason as an English sentence (the audit trail, the CLI, the logs)."""
        return render(self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status.value,
            "message": self.message.to_dict(),
            "reason": self.reason,
            "severity": self.severity.value,
            "figures": dict(self.figures),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CheckResult:
        """A stored result; one stored before messages had ids keeps its English sentence as it is."""
        return cls(
            name=data["name"],
            status=CheckStatus(data["status"]),
            message=Message.from_dict(data["message"]) if "message" in data else verbatim(data["reason"]),
            severity=Severity(data.get("severity", Severity.BLOCKING)),
            figures=dict(data.get("figures", {})),
        )


def _message(message: str | Message, args: Mapping[str, Arg] | None) -> Message:
    return message if isinstance(message, Message) else Message(message, args or {})


def passed(name: str, message: str | Message, args: Mapping[str, Arg] | None = None, /, **figures: Any) -> CheckResult:
    """A passing check: ``passed("card.not_expired", "card-not-expired", valid_to=...)``."""
    return CheckResult(name, CheckStatus.PASS, _message(message, args), figures=figures)


def warned(name: str, message: str | Message, args: Mapping[str, Arg] | None = None, /, **figures: Any) -> CheckResult:
    """A check that found something worth showing but does not stop the visit."""
    return CheckResult(name, CheckStatus.WARN, _message(message, args), figures=figures)


def failed(name: str, message: str | Message, args: Mapping[str, Arg] | None = None, /, *,
           overridable: bool = False, **figures: Any) -> CheckResult:
    """A failing check, ``failed("holder.adult", "holder-under-age", {"age": 16, "min_age": 18}, age=16)``;
    ``overridable`` lets the officer go on with a recorded reason."""
    severity = Severity.OVERRIDABLE if overridable else Severity.BLOCKING
    return CheckResult(name, CheckStatus.FAIL, _message(message, args), severity, figures)


def failures(results: Iterable[CheckResult]) -> list[CheckResult]:
    """The failed checks among ``results``."""
    return [r for r in results if not r.passed]
