"""First run on the embedded defaults: settings file, data folder, database, demo PKI, demo officer.

Everything made here is marked DEMO so nobody mistakes it for production: the PKI's subject names,
the officer's display name, and the notice printed when it is made.
"""

from __future__ import annotations

import logging
import logging.handlers
from dataclasses import dataclass, field
from pathlib import Path

from station.config import Settings, write_default_settings
from station.errors import SettingsError
from station.signing.pki import DemoPki, ensure_demo_pki
from station.store.cases import Store

DEMO_OFFICER_ID = "demo"
DEMO_OFFICER_PIN = "135790"

log = logging.getLogger(__name__)


@dataclass
class FirstRun:
    """What ``prepare`` made on this run (empty lists when everything was there already)."""

    created: list[str] = field(default_factory=list)
    demo_officer: bool = False  # the DEMO admin with the well-known PIN was made: tell the user

    @property
    def anything(self) -> bool:
        return bool(self.created)


def configure_logging(settings: Settings, verbose: bool = False) -> None:
    """Log to ``<data>/logs/station.log`` (rotated). Log lines carry ids and masked values only."""
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        settings.log_dir / "station.log", maxBytes=5_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name("station")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "station"]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


def demo_pki(settings: Settings) -> DemoPki | None:
    """The demo PKI when the settings use it (the bank key is the demo PKCS#12)."""
    s = settings.signing
    if s.bank_key == "pkcs12" and s.pkcs12_file is None:
        return ensure_demo_pki(settings.pki_dir, settings.bank.name)
    return None


def bank_pkcs12(settings: Settings) -> tuple[Path, str]:
    """The bank's PKCS#12 file and its passphrase, from the settings or the DEMO PKI."""
    s = settings.signing
    pki = demo_pki(settings)
    path = s.pkcs12_file or (pki.bank_p12_file if pki else None)
    if path is None:
        raise SettingsError("signing.pkcs12_file is not set; point it at the bank's PKCS#12 file.")
    if s.pkcs12_passphrase is not None:
        return path, s.pkcs12_passphrase.get_secret_value()
    if pki is None:
        raise SettingsError("signing.pkcs12_passphrase is not set (use STATION_SIGNING__PKCS12_PASSPHRASE).")
    return path, pki.bank_passphrase()


def prepare(settings: Settings, store: Store) -> FirstRun:
    """Make whatever of the embedded defaults is missing; idempotent."""
    run = FirstRun()
    if not settings.config_file.exists():
        write_default_settings(settings.config_file)
        run.created.append(f"settings file {settings.config_file}")
    pki_existed = DemoPki.at(settings.pki_dir).root_cert_file.exists()
    if demo_pki(settings) is not None and not pki_existed:
        run.created.append(f"DEMO PKI (root, issuing CA, bank PKCS#12, TSA, borrower CA) in {settings.pki_dir}")
    if not store.officers.any():
        store.officers.bootstrap(DEMO_OFFICER_ID, "DEMO 管理员", DEMO_OFFICER_PIN)
        run.created.append(f"DEMO admin officer '{DEMO_OFFICER_ID}'")
        run.demo_officer = True
    for line in run.created:
        log.info("first run: made %s", line)
    return run
