"""Certificates and CRLs from files: PEM bundles (any number of blocks) or a single DER object.

Used for the trust roots and CRL files the signing settings name and those QA gives the verifier.
Each object is parsed when read, so a damaged file fails here, not halfway through a signing or a
verification.
"""

from __future__ import annotations

from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

from station.errors import StationError
from station.messages import Arg

__all__ = ["CertificateFileError", "read_certificates", "read_crls"]


class CertificateFileError(StationError):
    """A certificate or CRL file is missing, unreadable, or holds nothing usable; the message says which.

    ``unreadable`` is true when the file could not be read at all (missing, no permission).
    """

    def __init__(self, message_id: str, /, *, unreadable: bool = False, **args: Arg) -> None:
        super().__init__(message_id, **args)
        self.unreadable = unreadable


def read_certificates(path: Path) -> list[asn1_x509.Certificate]:
    """Every certificate in a PEM or DER file; :class:`CertificateFileError` when there is none."""
    try:
        certs = [asn1_x509.Certificate.load(der) for der in _blocks(Path(path), "certificate")]
        for cert in certs:
            _ = cert.subject.human_friendly, cert.public_key.native  # parse now, not during validation
    except (ValueError, TypeError) as exc:
        raise CertificateFileError("cert-file-not-certificate", path=str(path), problem=str(exc)) from exc
    if not certs:
        raise CertificateFileError("cert-file-empty", path=str(path))
    return certs


def read_crls(path: Path) -> list[asn1_crl.CertificateList]:
    """Every CRL in a PEM or DER file (possibly none); :class:`CertificateFileError` when it holds another thing."""
    try:
        found = [asn1_crl.CertificateList.load(der) for der in _blocks(Path(path), "CRL")]
        for crl in found:
            _ = crl.issuer.human_friendly, crl["tbs_cert_list"]["next_update"].native
    except (ValueError, TypeError) as exc:
        raise CertificateFileError("cert-file-not-crl", path=str(path), problem=str(exc)) from exc
    return found


def _blocks(path: Path, kind: str) -> list[bytes]:
    """The DER objects of a file: each PEM block, or the whole file when it is not PEM."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CertificateFileError("cert-file-missing", unreadable=True, kind=kind, path=str(path)) from None
    except OSError as exc:
        raise CertificateFileError("cert-file-unreadable", unreadable=True, kind=kind, path=str(path),
                                   problem=str(exc.strerror)) from exc
    if pem.detect(data):
        return [der for _, _, der in pem.unarmor(data, multiple=True)]
    return [data]
