"""What QA verification finds: verdicts, reasons, problems, and the report on one file and its signatures.

Plain values with no PDF library behind them (the certificates are read with asn1crypto's objects
but only their attributes are used), so the CLI and the QA window can import them without loading
pyHanko; :func:`station.validation.verify.verify_pdf` makes them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from station.core.checks import CheckResult, CheckStatus, failed, passed
from station.messages import verbatim

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509

__all__ = [
    "DEFAULT_OPTIONS", "BatchSummary", "CertificateInfo", "Expectation", "FileReport", "Manifest", "Problem",
    "PyHankoSummary", "Reason", "SignatureDetails", "Verdict", "VerifyOptions", "check_results",
]


class Verdict(StrEnum):
    VALID = "VALID"
    INVALID = "INVALID"
    UNTRUSTED = "UNTRUSTED"
    INDETERMINATE = "INDETERMINATE"

    @property
    def weight(self) -> int:
        return {"VALID": 0, "INDETERMINATE": 1, "UNTRUSTED": 2, "INVALID": 3}[self.value]


class Reason(StrEnum):
    """Why a file or a signature is not VALID."""

    NOT_PDF = "not a PDF"
    UNREADABLE = "unreadable"
    ENCRYPTED = "encrypted"
    UNSIGNED = "not signed"
    TAMPERED = "tampered"
    SIGNATURE_BROKEN = "signature broken"
    CHANGED = "changed after signing"
    STRUCTURE = "suspicious structure"
    REVOKED = "certificate revoked"
    EXPIRED = "certificate expired at signing time"
    KEY_USAGE = "certificate not for signing"
    UNTRUSTED = "untrusted"
    REVOCATION_UNKNOWN = "revocation unknown"
    TOO_MANY_SIGNATURES = "too many signatures"
    NOT_AS_EXPECTED = "not as the case expects"
    ERROR = "validation error"


_VERDICT_OF = {
    Reason.UNTRUSTED: Verdict.UNTRUSTED,
    Reason.REVOCATION_UNKNOWN: Verdict.INDETERMINATE,
    Reason.ENCRYPTED: Verdict.INDETERMINATE,
    Reason.TOO_MANY_SIGNATURES: Verdict.INDETERMINATE,
}


@dataclass(frozen=True)
class Problem:
    """One reason a verdict is not VALID; ``field`` names the signature it concerns, if one."""

    reason: Reason
    message: str
    field: str | None = None
    verdict: Verdict = Verdict.INVALID

    @classmethod
    def of(cls, reason: Reason, message: str, field: str | None = None, verdict: Verdict | None = None) -> Problem:
        return cls(reason, message, field, verdict or _VERDICT_OF.get(reason, Verdict.INVALID))

    def text(self) -> str:
        where = f"[{self.field}] " if self.field else ""
        return f"{where}{self.reason.value}: {self.message}"


@dataclass(frozen=True)
class CertificateInfo:
    """What a report shows of one certificate."""

    subject: str
    common_name: str | None
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime
    sha256: str
    key_usage: tuple[str, ...]

    @classmethod
    def of(cls, cert: asn1_x509.Certificate) -> CertificateInfo:
        usage = cert.key_usage_value
        return cls(
            subject=cert.subject.human_friendly,
            common_name=cert.subject.native.get("common_name"),
            issuer=cert.issuer.human_friendly,
            serial=format(cert.serial_number, "x"),
            not_before=cert.not_valid_before,
            not_after=cert.not_valid_after,
            sha256=cert.sha256.hex(),
            key_usage=tuple(sorted(usage.native)) if usage is not None else (),
        )


class PyHankoSummary(TypedDict, total=False):
    """pyHanko's own verdict on one signature, for the record (``error`` when it could not validate it)."""

    bottom_line: bool
    intact: bool
    valid: bool
    trusted: bool
    revoked: bool
    coverage: str | None
    modification_level: str | None
    docmdp_ok: bool | None
    error: str


@dataclass(frozen=True)
class SignatureDetails:
    """One signature (or document timestamp) and what was found about it."""

    field: str
    kind: str  # "signature" or "document timestamp"
    verdict: Verdict
    problems: tuple[Problem, ...]
    signer: str | None  # the signer certificate's common name (or subject)
    chain: tuple[CertificateInfo, ...]  # signer first, root last
    signing_time: datetime | None
    time_source: str | None  # "timestamp" or "signer's clock"
    timestamp_authority: str | None
    pades_level: str | None
    certification: str | None  # the DocMDP permission when this signature certifies the document
    revision: int  # the revision it signs, 1-based
    byte_range: tuple[int, ...]
    coverage: str
    changes_after: str
    changes_allowed: bool | None
    changed_fields: tuple[str, ...]
    revocation: tuple[str, ...]
    pyhanko: PyHankoSummary

    @property
    def valid(self) -> bool:
        return self.verdict is Verdict.VALID


_STATION_FIELDS = {"bank": "bank", "borrower": "borrower"}


@dataclass(frozen=True)
class Expectation:
    """What the station expects of one of its documents (station-aware checks).

    ``fields`` maps each expected signature field to the party that signs it ("bank", "borrower");
    ``customer`` is the borrower's name as read from the ID card.
    """

    customer: str | None = None
    fields: Mapping[str, str] = field(default_factory=lambda: dict(_STATION_FIELDS))
    only_these: bool = True


@dataclass(frozen=True)
class Manifest:
    """The documents a case should have, its customer, and who signs which field.

    Read from JSON: ``{"customer": "...", "documents": ["loan_contract.pdf", ...],
    "fields": {"bank": "bank", "borrower": "borrower"}}`` (``fields`` optional).
    """

    documents: tuple[str, ...]
    customer: str | None = None
    fields: Mapping[str, str] = field(default_factory=lambda: dict(_STATION_FIELDS))

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read a manifest; ValueError says what is wrong with it."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"the manifest {path} cannot be read as JSON ({exc})") from exc
        documents = data.get("documents") if isinstance(data, dict) else None
        if not isinstance(documents, list | dict) or not documents or not all(isinstance(d, str) for d in documents):
            raise ValueError(f"the manifest {path} needs \"documents\": a list of file names")
        fields = data.get("fields", dict(_STATION_FIELDS))
        if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
            raise ValueError(f"the manifest {path}: \"fields\" maps field names to parties")
        customer = data.get("customer")
        return cls(tuple(documents), customer if isinstance(customer, str) else None, fields)

    def expectation(self) -> Expectation:
        return Expectation(self.customer, self.fields)

    def missing(self, names: Iterable[str]) -> list[str]:
        """The manifest's documents not among ``names`` (file names, compared without folders)."""
        present = {Path(n).name for n in names}
        return [d for d in self.documents if Path(d).name not in present]


@dataclass(frozen=True)
class VerifyOptions:
    """Limits and optional checks."""

    max_signatures: int = 50  # beyond this, changes after signing are not analysed (quadratic in pyHanko)
    in_memory_limit: int = 64 * 1024 * 1024  # smaller files are read whole (faster), larger ones streamed
    visual_check: bool = True  # render what follows the last signature and compare (only when something does)


DEFAULT_OPTIONS = VerifyOptions()


@dataclass(frozen=True)
class FileReport:
    """The verdict on one file, why, and the details behind it."""

    name: str
    size: int
    sha256: str | None
    verdict: Verdict
    problems: tuple[Problem, ...]
    signatures: tuple[SignatureDetails, ...]
    checks: tuple[CheckResult, ...]
    revisions: int | None
    pages: int | None
    pdf_version: str | None
    pades_level: str | None
    pyhanko_accepts: bool | None  # every signature's pyHanko bottom line, with the same trust
    elapsed_s: float
    trust: str

    @property
    def valid(self) -> bool:
        return self.verdict is Verdict.VALID

    @property
    def reasons(self) -> list[str]:
        """The distinct reasons, worst first."""
        ordered = sorted(self.problems, key=lambda p: -p.verdict.weight)
        return list(dict.fromkeys(p.reason.value for p in ordered))

    def as_check(self) -> CheckResult:
        """The verdict as the station's named check result (for the case's audit trail)."""
        if self.valid:
            return passed("signature.verify", "verify-valid", {"file": self.name, "signatures": len(self.signatures)},
                          sha256=self.sha256, level=self.pades_level)
        return failed("signature.verify", "verify-not-valid", {"file": self.name, "verdict": self.verdict.value,
                      "reasons": "; ".join(self.reasons)},
                      sha256=self.sha256, verdict=self.verdict.value)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["checks"] = [c.to_dict() for c in self.checks]
        data["reasons"] = self.reasons
        return json.loads(json.dumps(data, default=_json_default))

    def row(self) -> dict[str, Any]:
        """One flat row for CSV."""
        return {
            "file": self.name, "verdict": self.verdict.value, "reasons": "; ".join(self.reasons),
            "signatures": len(self.signatures),
            "signers": "; ".join(f"{s.field}={s.signer}" for s in self.signatures),
            "signing_times": "; ".join(f"{s.signing_time:%Y-%m-%d %H:%M:%S}Z ({s.time_source})"
                                       for s in self.signatures if s.signing_time),
            "pades_level": self.pades_level or "", "revisions": self.revisions, "pages": self.pages,
            "size": self.size, "sha256": self.sha256 or "",
            "pyhanko_accepts": "" if self.pyhanko_accepts is None else self.pyhanko_accepts,
            "problems": " | ".join(p.text() for p in self.problems), "seconds": round(self.elapsed_s, 3),
        }


@dataclass
class BatchSummary:
    """Counts of a batch, for the summary line and the report."""

    files: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    pyhanko_alone_accepts: int = 0  # files we do not call VALID that pyHanko's bottom line accepts
    elapsed_s: float = 0.0

    def add(self, report: FileReport) -> None:
        self.files += 1
        self.verdicts[report.verdict.value] += 1
        self.reasons.update(report.reasons)
        if not report.valid and report.pyhanko_accepts:
            self.pyhanko_alone_accepts += 1

    @property
    def all_valid(self) -> bool:
        return self.files > 0 and self.verdicts[Verdict.VALID.value] == self.files

    @property
    def rate(self) -> float:
        return self.files / self.elapsed_s if self.elapsed_s else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"files": self.files, "verdicts": dict(self.verdicts), "reasons": dict(self.reasons),
                "pyhanko_alone_accepts": self.pyhanko_alone_accepts, "elapsed_s": round(self.elapsed_s, 3),
                "files_per_second": round(self.rate, 2)}

    def text(self) -> str:
        """The summary as a few lines for the screen."""
        verdicts = ", ".join(f"{v}: {self.verdicts[v.value]}" for v in Verdict if self.verdicts[v.value])
        lines = [f"{self.files} file(s) in {self.elapsed_s:.1f} s ({self.rate:.1f}/s): {verdicts or 'none'}"]
        if self.reasons:
            lines.append("reasons: " + ", ".join(f"{r} ({n})" for r, n in self.reasons.most_common()))
        if self.pyhanko_alone_accepts:
            lines.append(f"{self.pyhanko_alone_accepts} file(s) not VALID here would pass pyHanko's own bottom line")
        return "\n".join(lines)


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(type(value).__name__)


def check_results(report: FileReport) -> list[CheckResult]:
    """Every check of a report as the station's named results: the problems, then the other checks."""
    results = [CheckResult(f"verify.{p.reason.name.lower()}", CheckStatus.FAIL, verbatim(p.text()))
               for p in report.problems]
    return results + list(report.checks)
