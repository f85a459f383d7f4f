"""Named check results: what the station checked, what it found, and why.

Every rule the station applies (an ID number's check digit, a card's validity, a face match, a loan
limit) returns a :class:`CheckResult`, never a bare boolean, so the officer sees the reason and the
audit trail records the figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


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
    """The result of one named check, with its reason and the figures behind it."""

    name: str
    status: CheckStatus
    reason: str
    severity: Severity = Severity.BLOCKING
    figures: Mapping[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.status is not CheckStatus.FAIL

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status.value,
            "reason": self.reason,
            "severity": self.severity.value,
            "figures": dict(self.figures),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CheckResult:
        return cls(
            name=data["name"],
            status=CheckStatus(data["status"]),
            reason=data["reason"],
            severity=Severity(data.get("severity", Severity.BLOCKING)),
            figures=dict(data.get("figures", {})),
        )


def passed(name: str, reason: str, **figures: Any) -> CheckResult:
    """A passing check."""
    return CheckResult(name, CheckStatus.PASS, reason, figures=figures)


def warned(name: str, reason: str, **figures: Any) -> CheckResult:
    """A check that found something worth showing but does not stop the visit."""
    return CheckResult(name, CheckStatus.WARN, reason, figures=figures)


def failed(name: str, reason: str, *, overridable: bool = False, **figures: Any) -> CheckResult:
    """A failing check; ``overridable`` lets the officer go on with a recorded reason."""
    severity = Severity.OVERRIDABLE if overridable else Severity.BLOCKING
    return CheckResult(name, CheckStatus.FAIL, reason, severity, figures)


def failures(results: Iterable[CheckResult]) -> list[CheckResult]:
    """The failed checks among ``results``."""
    return [r for r in results if not r.passed]
