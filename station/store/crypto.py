"""Field encryption at rest and the keys behind it.

Envelope encryption, as in LUKS key slots:

* one random 256-bit **master key** per database encrypts every personal field (AES-256-GCM, a fresh
  96-bit nonce per value, the table, column and row id bound in as associated data so a ciphertext
  cannot be moved to another row or column);
* the master key is never stored in clear: each officer holds a **key slot**, the master key wrapped
  with AES-GCM under a key derived from that officer's PIN by Argon2id (own salt per slot). Signing in
  unwraps it; adding an officer wraps it again for the new PIN; a stolen laptop yields ciphertext only;
* lookups by ID number use a **blind index**: HMAC-SHA256 of the normalised number under a key derived
  from the master key, so equal numbers find each other without the number being on disk.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from station.errors import StoreError

_FORMAT = b"\x01"  # version byte of a sealed value: AES-256-GCM, 12-byte nonce
_NONCE = 12


class DecryptionError(StoreError):
    """A sealed value does not open: wrong key, or the data was changed on disk."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost for deriving a key-slot key from a PIN (OWASP's second recommended setting)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2

    def derive(self, secret: str, salt: bytes) -> bytes:
        return hash_secret_raw(
            secret.encode("utf-8"), salt, self.time_cost, self.memory_kib, self.parallelism, 32, Type.ID
        )

    def encode(self) -> str:
        return f"argon2id$t={self.time_cost},m={self.memory_kib},p={self.parallelism}"

    @classmethod
    def decode(cls, text: str) -> KdfParams:
        name, _, rest = text.partition("$")
        if name != "argon2id":
            raise StoreError("store-unknown-kdf", name=repr(name))
        values = dict(part.split("=") for part in rest.split(","))
        return cls(int(values["t"]), int(values["m"]), int(values["p"]))


@dataclass(frozen=True)
class KeySlot:
    """The master key wrapped for one officer."""

    salt: bytes
    kdf: str
    wrapped: bytes


def new_master_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap_master_key(master_key: bytes, officer_id: str, pin: str, kdf: KdfParams) -> KeySlot:
    """Wrap the master key for an officer's PIN."""
    salt = os.urandom(16)
    kek = kdf.derive(pin, salt)
    return KeySlot(salt, kdf.encode(), _seal(kek, master_key, _slot_aad(officer_id)))


def unwrap_master_key(slot: KeySlot, officer_id: str, pin: str) -> bytes:
    """The master key from an officer's slot; DecryptionError on a wrong PIN or a changed slot."""
    kek = KdfParams.decode(slot.kdf).derive(pin, slot.salt)
    return _open(kek, slot.wrapped, _slot_aad(officer_id))


def _slot_aad(officer_id: str) -> bytes:
    return b"station/key-slot/" + officer_id.encode("utf-8")


class FieldCipher:
    """Seals and opens personal fields under keys derived from the master key."""

    def __init__(self, master_key: bytes) -> None:
        self._enc_key = _hkdf(master_key, b"station/field-encryption/v1")
        self._index_key = _hkdf(master_key, b"station/blind-index/v1")
        self._aead = AESGCM(self._enc_key)

    def seal(self, plaintext: bytes, context: str) -> bytes:
        """Encrypt ``plaintext``; ``context`` (e.g. ``customers.name:<id>``) must match to open."""
        nonce = os.urandom(_NONCE)
        return _FORMAT + nonce + self._aead.encrypt(nonce, plaintext, context.encode("utf-8"))

    def open(self, sealed: bytes, context: str) -> bytes:
        return _open_with(self._aead, sealed, context.encode("utf-8"))

    def seal_text(self, text: str, context: str) -> bytes:
        return self.seal(text.encode("utf-8"), context)

    def open_text(self, sealed: bytes, context: str) -> str:
        return self.open(sealed, context).decode("utf-8")

    def blind_index(self, value: str, purpose: str = "id_number") -> str:
        """Keyed hash for lookups: equal values give equal indexes; the value cannot be read back."""
        mac = hmac.new(self._index_key, purpose.encode() + b"\x00" + value.encode("utf-8"), hashlib.sha256)
        return mac.hexdigest()


def _hkdf(master_key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master_key)


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(_NONCE)
    return _FORMAT + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    return _open_with(AESGCM(key), sealed, aad)


def _open_with(aead: AESGCM, sealed: bytes, aad: bytes) -> bytes:
    if len(sealed) < 1 + _NONCE + 16 or sealed[:1] != _FORMAT:
        raise DecryptionError("store-unknown-format")
    try:
        return aead.decrypt(sealed[1 : 1 + _NONCE], sealed[1 + _NONCE :], aad)
    except InvalidTag as exc:
        raise DecryptionError("store-does-not-open") from exc
