"""Evidence bundles: a finished case packed for the branch, sealed by the bank and encrypted to the branch.

A bundle is a ZIP made in memory (nothing personal touches the disk in clear)::

    manifest.json      format, case, station, officer, times, each step's named checks, the face decision
                       (distance, threshold, model, calibration, liveness), the customer's name and ID
                       number masked, and the SHA-256 of every other file
    documents/<file>   the PDFs as stored: signed, the personal-information consent among them
    audit.jsonl        the case's audit events with their chain hashes, one JSON object a line
    card/front.*, card/back.*   the ID card images, only when ``sync.include_card_images`` is set

The ZIP is sealed with the bank's key (CMS SignedData with the ZIP inside: who sent it, and that
nothing in it changed; :mod:`station.signing.seal`), then the seal is encrypted as CMS
EnvelopedData (RFC 5652: AES-256-CBC, RSA key transport) for the branch's certificate, DER-encoded
(``.p7m``), and written atomically. Only the branch's private key opens it::

    openssl cms -decrypt -inform DER -in X.p7m -inkey branch.key -recip branch.pem -out X.sealed
    openssl cms -verify -inform DER -in X.sealed -CAfile bank-root.pem -out X.zip

Face images never leave the station (the live ones are dropped when a case is finished; the card's
portrait crop is a face image too and stays).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Protocol

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7

from station.core.masking import mask_id_number, mask_name
from station.core.models import FaceCheck, IdCardRead, case_reference
from station.core.states import CaseStatus, Step
from station.errors import StoreError
from station.files import write_all_atomically
from station.messages import Message
from station.store.audit import link_problems
from station.store.cases import CaseState, StepRecord, Store
from station.store.db import DiskFullError, is_disk_full
from station.store.officers import SignedIn

FORMAT = "station-evidence-bundle"
FORMAT_VERSION = 2  # 2: the ZIP is sealed by the bank (CMS SignedData) inside the envelope
MANIFEST = "manifest.json"
AUDIT = "audit.jsonl"
AUDIT_HASH_RULE = ("hash = hex SHA-256 of the UTF-8 of json.dumps([chain, seq, at, actor, action, result, figures, "
                   "prev_hash], ensure_ascii=False, separators=(',', ':')), figures being the string as stored; "
                   "each prev_hash is the hash before it, the first one 64 zeros")

_STEP_ORDER = [step.value for step in Step]  # visit order


class EvidenceError(StoreError):
    """No bundle can be made (a case not finished, a certificate that cannot receive it); nothing was written."""


@dataclass(frozen=True)
class BundleReport:
    """A bundle written: where, which files its ZIP holds, its size and SHA-256, for whom it is encrypted."""

    path: Path
    case_id: str
    files: tuple[str, ...]
    size: int
    recipient: str  # the certificate's subject, e.g. "CN=DEMO Branch Sync (evidence encryption),O=...,C=CN"
    sha256: str  # of the encrypted file as written
    card_images: bool
    sealed_by: str  # the subject of the bank certificate that sealed it

    def audit_figures(self) -> dict[str, Any]:
        """What the case's audit trail records of this bundle (no personal data)."""
        return {"bundle": self.path.name, "sha256": self.sha256, "size": self.size, "recipient": self.recipient,
                "sealed_by": self.sealed_by, "files": len(self.files), "card_images": self.card_images}


class Seal(Protocol):
    """Seals a bundle's ZIP: DER CMS SignedData with the ZIP inside (:class:`station.signing.seal.BankSeal`)."""

    @property
    def name(self) -> str:
        """The sealing certificate's subject."""

    def __call__(self, content: bytes) -> bytes: ...


def export_bundle(store: Store, by: SignedIn, case_id: str, dest: Path, recipient: x509.Certificate,
                  seal: Seal) -> BundleReport:
    """Write a finished case's evidence bundle to ``dest``, sealed with ``seal`` and encrypted to
    ``recipient``; the case's audit trail records it (``evidence.export``). Raises EvidenceError, the
    seal's error (the bank key's), or DiskFullError, leaving no file."""
    report = write_bundle(store, by, case_id, dest, recipient, seal)
    try:
        store.add_event(by, case_id, "evidence.export", "ok", report.audit_figures())
    except BaseException:
        report.path.unlink(missing_ok=True)  # a bundle the trail does not know of must not stay
        raise
    return report


def write_bundle(store: Store, by: SignedIn, case_id: str, dest: Path, recipient: x509.Certificate,
                 seal: Seal) -> BundleReport:
    """Pack, seal, encrypt and write the bundle without recording it: the caller records it in the audit trail."""
    state = store.case_state(case_id, by)
    if state.status is not CaseStatus.DONE:
        raise EvidenceError("evidence-case-not-done", case=case_id,
                            status=Message("case-status", {"status": state.status}),
                            step=Message("step-name", {"step": state.step}))
    at = store.clock()
    subject = check_recipient(recipient, at)
    archive, names, images = _pack(store, by, state, at)
    envelope = (pkcs7.PKCS7EnvelopeBuilder().set_data(seal(archive)).add_recipient(recipient)
                .set_content_encryption_algorithm(algorithms.AES256)
                .encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))
    dest = Path(dest)
    _write(dest, envelope)
    return BundleReport(dest, case_id, names, len(envelope), subject, hashlib.sha256(envelope).hexdigest(), images,
                        seal.name)


def check_recipient(recipient: x509.Certificate, now: datetime) -> str:
    """The certificate's subject when it can receive a bundle: an RSA key meant for key encipherment, not expired."""
    subject = recipient.subject.rfc4514_string()
    if not isinstance(recipient.public_key(), rsa.RSAPublicKey):
        raise EvidenceError("evidence-recipient-not-rsa", subject=subject)
    try:
        usage = recipient.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not usage.key_encipherment:
        raise EvidenceError("evidence-recipient-not-encryption", subject=subject)
    if now >= recipient.not_valid_after_utc:  # the branch may have retired its key: ask for the new certificate
        raise EvidenceError("evidence-recipient-expired", subject=subject,
                            date=f"{recipient.not_valid_after_utc:%Y-%m-%d}")
    return subject


def _write(path: Path, data: bytes) -> None:
    """Write the bundle whole or not at all; a full disk raises :class:`DiskFullError`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_all_atomically({path: data})
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFullError("evidence-disk-full", file=path.name) from exc
        raise EvidenceError("evidence-not-written", path=str(path), problem=str(exc.strerror)) from exc


# --- packing -------------------------------------------------------------------------------------

def _pack(store: Store, by: SignedIn, state: CaseState, at: datetime) -> tuple[bytes, tuple[str, ...], bool]:
    """The ZIP's bytes, its file names (manifest first) and whether card images are in it."""
    case_id = state.id
    card = store.step_output(by, case_id, "id_card")
    face = store.step_output(by, case_id, "face")
    assert isinstance(card, IdCardRead) and isinstance(face, FaceCheck)  # a finished case has both steps
    files: dict[str, bytes] = {}
    documents = []
    for doc in store.documents(by, case_id):
        name = None
        if doc.content is not None:
            name = f"documents/{Path(doc.filename).name or doc.kind.value}"
            if name in files:
                name = f"documents/{doc.kind.value}-{Path(doc.filename).name}"
            files[name] = doc.content
        documents.append({"kind": doc.kind.value, "file": name, "signed": doc.signed, "pades_level": doc.pades_level,
                          "awaiting_upgrade": doc.awaiting_upgrade})
    events, chain = store.audit_trail(case_id)
    files[AUDIT] = "".join(json.dumps({"chain": e.chain, "seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action,
                                       "result": e.result, "figures": e.figures, "prev_hash": e.prev_hash,
                                       "hash": e.hash}, ensure_ascii=False) + "\n" for e in events).encode("utf-8")
    images = store.settings.sync.include_card_images
    if images:
        for side, data in (("front", card.front_image), ("back", card.back_image)):
            if data is not None:
                files[f"card/{side}{_image_suffix(data)}"] = data
    bank = store.settings.bank
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "case": {"id": case_id, "reference": case_reference(case_id), "status": state.status,
                 "officer_id": state.officer_id, "created_at": state.created_at.isoformat(),
                 "finished_at": state.updated_at.isoformat()},
        "station": {"id": f"{bank.branch_code}-{bank.station_number}", "bank": bank.name,
                    "software": f"station {version('station')}"},
        "exported": {"at": at.isoformat(), "by": by.officer_id},
        "customer": {"name": mask_name(card.front.name), "id_number": mask_id_number(card.front.id_number)},
        "steps": [_step(store, by, case_id, state.steps[s]) for s in _STEP_ORDER if s in state.steps],
        "face": {"decision": face.decision.value, "distance": face.distance, "threshold": face.threshold,
                 "model_version": face.model_version, "calibration": face.calibration, "reason": face.reason,
                 "liveness": {"passed": face.liveness_passed, "details": dict(face.liveness)}},
        "documents": documents,
        "audit": {"file": AUDIT, "chain": case_id, "events": len(events),
                  "head": {"seq": events[-1].seq, "hash": events[-1].hash} if events else None,
                  "intact": chain.ok, "problems": chain.problems, "hash_rule": AUDIT_HASH_RULE},
        "images": {"card": images, "face": False},
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    body = json.dumps(manifest, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    return _zip({MANIFEST: body, **files}, at), (MANIFEST, *files), images


@dataclass(frozen=True)
class ArchiveCheck:
    """A bundle's ZIP as the branch checks it: its manifest, and every problem found (none: intact)."""

    manifest: dict[str, Any] | None
    files: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_archive(archive: bytes) -> ArchiveCheck:
    """Check a bundle's ZIP: a station manifest; every file listed with its SHA-256 and nothing else; the
    audit lines a whole hash chain (:data:`AUDIT_HASH_RULE`) ending at the head the manifest names."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as z:
            files = {name: z.read(name) for name in z.namelist()}
        manifest = json.loads(files[MANIFEST])
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError(f"{MANIFEST} is not a {FORMAT} manifest")
    except Exception as exc:  # noqa: BLE001 - a parser of outside data: any failure is a failed check
        return ArchiveCheck(None, (), (f"the bundle's ZIP or its manifest cannot be read ({type(exc).__name__}: "
                                       f"{exc})",))
    problems = []
    listed = manifest.get("files") if isinstance(manifest.get("files"), dict) else {}
    for name in sorted(set(files) - {MANIFEST} | set(listed)):
        if name not in files:
            problems.append(f"{name} is listed in the manifest but missing")
        elif name not in listed:
            problems.append(f"{name} is in the bundle but not in the manifest")
        elif hashlib.sha256(files[name]).hexdigest() != listed[name]:
            problems.append(f"{name} does not match its SHA-256 in the manifest")
    problems += _audit_problems(files.get(AUDIT, b""), manifest.get("audit") or {})
    return ArchiveCheck(manifest, tuple(files), tuple(problems))


def _audit_problems(lines: bytes, stated: dict[str, Any]) -> list[str]:
    """The audit lines re-chained (:func:`station.store.audit.link_problems`), ending at the manifest's head."""
    try:
        events = [SimpleNamespace(**json.loads(line)) for line in lines.decode("utf-8").splitlines()]
        problems = [f"audit {problem}" for problem in link_problems(events)]
    except Exception as exc:  # noqa: BLE001 - a parser of outside data: any failure is a failed check
        return [f"the audit lines cannot be read ({type(exc).__name__}: {exc})"]
    head = stated.get("head") or {}
    last = (events[-1].seq, events[-1].hash) if events else (None, None)
    if (head.get("seq"), head.get("hash")) != last:
        problems.append(f"the audit lines end at event {last[0] or 0}, not at the head the manifest names")
    return problems


def _step(store: Store, by: SignedIn, case_id: str, record: StepRecord) -> dict[str, Any]:
    """A step with its named checks (without their figures, which can hold a birth date) and overridden ones."""
    return {"step": record.step, "state": record.state, "attempt": record.attempt,
            "completed_by": record.completed_by, "completed_at": record.completed_at.isoformat(),
            "checks": [{"name": c.name, "status": c.status.value, "severity": c.severity.value, "reason": c.reason}
                       for c in record.checks],
            "overridden": sorted(store.overrides_of(by, case_id, record.step))}


def _image_suffix(data: bytes) -> str:
    return ".jpg" if data.startswith(b"\xff\xd8") else ".png" if data.startswith(b"\x89PNG") else ".bin"


def _zip(files: Mapping[str, bytes], at: datetime) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=at.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
