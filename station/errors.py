"""Errors the officer or the operator can act on.

Every error the station shows carries a :class:`~station.messages.Message` saying what happened and what
to do next: the GUI says it in the officer's language, the CLI and the logs print ``str(error)``, the
English sentence.
"""

from __future__ import annotations

from station.core.checks import CheckResult
from station.messages import Arg, Message, render


class StationError(Exception):
    """Base for errors with a message fit for the officer or operator: ``StationError("message-id", **args)``."""

    def __init__(self, message_id: str, /, **args: Arg) -> None:
        self.message = Message(message_id, args)
        super().__init__(self.message)

    def __str__(self) -> str:
        return render(self.message)


class SettingsError(StationError):
    """The settings file or an override cannot be used."""


class StoreError(StationError):
    """The case store cannot do what was asked; nothing was written."""


class SigningError(StationError):
    """Base of the signing errors; ``str(error)`` is a sentence fit for the officer."""


class BankKeyError(SigningError):
    """The bank's key cannot be used: wrong passphrase or PIN, missing file, token absent or locked."""


class TokenRemovedError(BankKeyError):
    """The token went away (pulled out, session closed) while documents were being signed."""


class CertificateRefused(SigningError):
    """A signing certificate is expired, not yet valid, revoked, untrusted or unfit for signing."""


class StampTextError(SigningError):
    """The stamp font lacks characters of the text to draw (a name, the bank's name).

    ``check`` is the named check from :func:`station.documents.fonts.check_glyphs`: its reason gives
    positions and code points only, never the text, so it is safe to log.
    """

    def __init__(self, check: CheckResult) -> None:
        super().__init__("stamp-text-refused", reason=check.message)
        self.check = check


class StampImageError(SigningError):
    """A stamp image (the handwriting, the seal) is missing, unreadable or blank."""


class DocumentRefused(SigningError):
    """A document to sign is unreadable, changed since it was made, already signed or lacks its fields."""


class TimestampUnavailable(SigningError):
    """The timestamp service did not give a usable token (unreachable, refusing, untrusted)."""


class RevocationUnavailable(SigningError):
    """Revocation data for an upgrade could not be had (a CRL or OCSP service is unreachable)."""


class WriteError(SigningError):
    """A signed PDF could not be written (disk full, no permission); nothing half-written is left."""
