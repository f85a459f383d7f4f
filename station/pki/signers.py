"""Where the bank's signing key comes from: a PKCS#12 file or a PKCS#11 token.

:func:`open_bank_key` turns a :class:`Pkcs12Key` or :class:`Pkcs11Key` into a :class:`BankKey`
(a pyHanko signer with the certificate and its chain), or raises :class:`BankKeyError` with what to
do. A token's session stays open until the key is closed; use it as a context manager.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

import pkcs11
from asn1crypto import x509 as asn1_x509
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
from pyhanko.sign.signers import Signer

from station.errors import BankKeyError, TokenRemovedError
from station.pki.demo import IssuedCertificate, PkiError, load_pkcs12, to_asn1

# What a token says when it is pulled out or its session is gone (PKCS#11 return values).
TOKEN_GONE = (
    pkcs11.exceptions.DeviceRemoved,
    pkcs11.exceptions.DeviceError,
    pkcs11.exceptions.TokenNotPresent,
    pkcs11.exceptions.TokenNotRecognised,
    pkcs11.exceptions.SessionClosed,
    pkcs11.exceptions.SessionHandleInvalid,
    pkcs11.exceptions.ObjectHandleInvalid,
    pkcs11.exceptions.KeyHandleInvalid,
    pkcs11.exceptions.UserNotLoggedIn,
    pkcs11.exceptions.GeneralError,
    pkcs11.exceptions.FunctionFailed,
)


@dataclass(frozen=True)
class Pkcs12Key:
    """The bank's key and certificate in a PKCS#12 file."""

    path: Path
    passphrase: str = field(repr=False)


@dataclass(frozen=True)
class Pkcs11Key:
    """The bank's key on a PKCS#11 token; the certificate is on the token under ``cert_label``
    (default: the key's label)."""

    module: Path
    token_label: str
    key_label: str
    pin: str = field(repr=False)
    cert_label: str | None = None


BankKeySource = Pkcs12Key | Pkcs11Key


@dataclass
class BankKey:
    """An opened bank key: a pyHanko signer, its certificate and chain. Close it when done."""

    signer: Signer
    certificate: asn1_x509.Certificate
    chain: tuple[asn1_x509.Certificate, ...]
    source: BankKeySource
    _session: pkcs11.Session | None = None

    def close(self) -> None:
        """Log out of the token (nothing to do for a PKCS#12 key)."""
        if self._session is not None:
            session, self._session = self._session, None
            with contextlib.suppress(pkcs11.PKCS11Error):  # the token is gone already: nothing to close
                session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_bank_key(source: BankKeySource, chain: Sequence[asn1_x509.Certificate] = ()) -> BankKey:
    """Open the bank's key; ``chain`` adds CA certificates to embed (a PKCS#12 file brings its own)."""
    if isinstance(source, Pkcs12Key):
        return _open_pkcs12(source, chain)
    return _open_pkcs11(source, chain)


def token_error(source: BankKeySource, exc: pkcs11.PKCS11Error) -> BankKeyError:
    """The officer-facing error for a PKCS#11 failure while signing with ``source``."""
    if isinstance(exc, TOKEN_GONE):
        label = source.token_label if isinstance(source, Pkcs11Key) else "the token"
        return TokenRemovedError(
            "token-removed", label=label, error=type(exc).__name__,
        )
    return BankKeyError("token-refused", error=f"{type(exc).__name__}: {exc}")


def _open_pkcs12(source: Pkcs12Key, chain: Sequence[asn1_x509.Certificate]) -> BankKey:
    try:
        key, cert, own_chain = load_pkcs12(source.path, source.passphrase)
    except PkiError as exc:
        raise BankKeyError("bank-key-unopenable", problem=str(exc)) from exc
    asn1_chain = _merge([to_asn1(c) for c in own_chain], chain)
    material = IssuedCertificate(key, cert, ())
    signer = material.signer()
    signer.cert_registry.register_multiple(asn1_chain)
    return BankKey(signer, to_asn1(cert), asn1_chain, source)


def _open_pkcs11(source: Pkcs11Key, chain: Sequence[asn1_x509.Certificate]) -> BankKey:
    module = str(source.module)
    if not Path(module).is_file():
        raise BankKeyError("pkcs11-module-missing", module=module)
    try:
        session = open_pkcs11_session(module, token_criteria=TokenCriteria(label=source.token_label),
                                      user_pin=source.pin)
    except pkcs11.exceptions.PinIncorrect:
        raise BankKeyError("token-pin-wrong", token=source.token_label) from None
    except pkcs11.exceptions.PinLocked:
        raise BankKeyError("token-locked", token=source.token_label) from None
    except (pkcs11.exceptions.PinLenRange, pkcs11.exceptions.PinInvalid):
        raise BankKeyError("token-pin-invalid", token=source.token_label) from None
    except pkcs11.PKCS11Error as exc:
        raise BankKeyError("token-unopenable", token=source.token_label, problem=str(exc)) from exc
    except (OSError, RuntimeError) as exc:
        raise BankKeyError("pkcs11-module-unloadable", module=module, problem=str(exc)) from exc
    try:
        # raw mechanisms (hash in software): CKM_ECDSA and CKM_RSA_PKCS are on every token, SoftHSM2 included
        signer = PKCS11Signer(session, cert_label=source.cert_label or source.key_label,
                              key_label=source.key_label, ca_chain=list(chain), use_raw_mechanism=True)
        certificate = signer.signing_cert  # finds the key and certificate now, not halfway through the set
    except pkcs11.PKCS11Error as exc:
        session.close()
        raise BankKeyError("token-no-key", token=source.token_label, key=source.key_label, problem=str(exc)) from exc
    return BankKey(signer, certificate, tuple(chain), source, session)


def _merge(*lists: Sequence[asn1_x509.Certificate]) -> tuple[asn1_x509.Certificate, ...]:
    seen: dict[bytes, asn1_x509.Certificate] = {}
    for cert in (c for lst in lists for c in lst):
        seen.setdefault(cert.sha256, cert)
    return tuple(seen.values())
