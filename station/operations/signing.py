"""Signing outside a visit: a prepared or sample document set signed in one pass, signed PDFs raised to
B-LTA, the stamp font built ahead of the first signing, and the local DEMO timestamp service."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from station.config import Settings
from station.core.models import DocumentRecord, DocumentSet, SignatureCapture
from station.errors import SigningError, StationError

if TYPE_CHECKING:
    from station.pki.demo import DemoPki
    from station.signing.sign import BorrowerIdentity, SigningKit, SigningOutcome
    from station.timestamps.service import RunningTsa


class SetInputError(StationError):
    """A document set to sign, given as JSON, cannot be read."""


@dataclass(frozen=True)
class SetToSign:
    """Documents, the borrower's handwriting and who the borrower is: what one signing pass takes."""

    documents: list[DocumentRecord]
    capture: SignatureCapture
    borrower: BorrowerIdentity


def sample_set(settings: Settings) -> SetToSign:
    """The built-in sample borrower's four documents, rendered now."""
    from datetime import datetime

    from station.documents.render import render_documents
    from station.operations.sample import sample_capture, sample_identity, sample_input

    rendered = render_documents(sample_input(settings.bank.name, datetime.now().astimezone()))
    return SetToSign(list(rendered.document_set().documents), sample_capture(), sample_identity())


def set_from_json(path: Path) -> SetToSign:
    """A set from JSON: ``documents`` (a DocumentSet), ``capture`` (strokes; the PNG is drawn when missing) and
    ``borrower`` (``{"name", "id_hash"}``)."""
    from station.documents.handwriting import capture_with_png
    from station.signing.sign import BorrowerIdentity

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        documents = DocumentSet.from_dict(data["documents"]).documents
        capture = SignatureCapture.from_dict(data["capture"])
        borrower = BorrowerIdentity(str(data["borrower"]["name"]), str(data["borrower"]["id_hash"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SetInputError("sign-set-unreadable", path=str(path), problem=str(exc)) from exc
    return SetToSign(list(documents), capture if capture.png else capture_with_png(capture), borrower)


def sign_set(to_sign: SetToSign, kit: SigningKit) -> SigningOutcome:
    """Sign every document in one pass: the bank certifies, the borrower signs, each timestamped."""
    from station.signing.sign import sign_set as sign

    return sign(to_sign.documents, to_sign.capture, to_sign.borrower, kit)


@dataclass(frozen=True)
class Upgraded:
    """One file's upgrade: its level before and after, or why it could not be raised."""

    path: Path
    before: str | None = None
    after: str | None = None
    problem: str | None = None


def upgrade_files(settings: Settings, paths: list[Path]) -> list[Upgraded]:
    """Add revocation data and a document timestamp to each signed PDF (rewritten in place, atomically)."""
    from station.bootstrap import signing_trust
    from station.signing.output import write_atomically
    from station.signing.upgrade import upgrade_pdf
    from station.timestamps.client import timestamper_for

    pki = demo_pki_of(settings)
    trust = signing_trust(settings, pki)
    timestamper = timestamper_for(settings.signing.tsa_url, pki)
    results = []
    for path in paths:
        try:
            content = path.read_bytes()
            result = upgrade_pdf(content, trust, timestamper)
            if result.content != content:
                write_atomically(path, result.content)
            results.append(Upgraded(path, result.before.value, result.after.value, result.problem))
        except OSError as exc:
            results.append(Upgraded(path, problem=f"cannot read the file ({exc.strerror})"))
        except SigningError as exc:
            results.append(Upgraded(path, problem=str(exc)))
    return results


def demo_pki_of(settings: Settings) -> DemoPki:
    """The station's DEMO PKI (made if missing); its problems become a :class:`SigningError`."""
    from station.pki.demo import PkiError, ensure_demo_pki

    try:
        return ensure_demo_pki(settings.pki_dir, settings.bank.name)
    except PkiError as exc:
        raise SigningError("demo-pki-unusable", problem=str(exc)) from exc


def build_stamp_font() -> None:
    """Have the signature stamp font ready (built once per user, 10-30 s; a cache hit afterwards)."""
    from station.documents.fonts import stamp_font

    stamp_font()


class NoDemoTimestamps(StationError):
    """The local timestamp service needs the DEMO PKI, and this station signs with another key."""


def serve_timestamps(settings: Settings, port: int) -> RunningTsa:
    """The DEMO timestamp authority answering on 127.0.0.1:``port`` until the returned service is closed."""
    from station.bootstrap import demo_pki
    from station.timestamps.service import from_demo_pki, serve

    pki = demo_pki(settings)
    if pki is None:
        raise NoDemoTimestamps("tsa-demo-only")
    return serve(from_demo_pki(pki), port=port)
