"""``station doctor``: the install checks plus the station's own state (settings, database, PKI, TSA)."""

from __future__ import annotations

from station.config import Settings
from station.errors import StationError
from station.health import HealthLine, run_install_checks

_SETUP = "run scripts/setup.sh"


def run_doctor(settings: Settings) -> list[HealthLine]:
    """Every line of the doctor's table; never raises."""
    lines = [HealthLine("settings", True, f"{settings.config_file}" + ("" if settings.config_file.exists()
                                                                        else " (not there yet: defaults)"))]
    lines += _station_lines(settings)
    lines += run_install_checks(settings.data_dir)
    return lines


def _station_lines(settings: Settings) -> list[HealthLine]:
    from station.bootstrap import demo_pki, prepare
    from station.store.cases import Store
    from station.store.db import head_revision

    lines: list[HealthLine] = []
    try:
        with Store.open(settings, exclusive=False) as store:
            prepare(settings, store)
            ok, detail = store.integrity()
            lines.append(HealthLine("database", ok, f"{settings.db_url} (schema {head_revision()}, integrity {detail})",
                                    "" if ok else "restore the last backup of station.db, then run station doctor"))
            reports = store.verify_audit()
            broken = [r.chain for r in reports if not r.ok]
            summary = f"{len(reports)} chains, {sum(r.events for r in reports)} events"
            lines.append(HealthLine("audit trail", not broken,
                                    summary + (f", BROKEN: {', '.join(broken)}" if broken else ", intact"),
                                    "run station audit verify to see which events changed" if broken else ""))
    except StationError as exc:
        lines.append(HealthLine("database", False, str(exc), "see the message"))
        return lines
    try:
        pki = demo_pki(settings)
    except Exception as exc:  # noqa: BLE001 - a health check reports, never raises
        return [*lines, HealthLine("PKI", False, f"{type(exc).__name__}: {exc}", f"move {settings.pki_dir} away "
                                   "and run station init to make a new DEMO PKI")]
    if pki is None:
        lines.append(HealthLine("PKI", True, f"bank key: {settings.signing.bank_key} (not the DEMO PKI)", warn=True))
    else:
        from station.pki.demo import check_pki

        for name, ok, message in check_pki(pki):
            lines.append(HealthLine(name, ok, message, "" if ok else
                                    f"move {settings.pki_dir} away and run station init to make a new DEMO PKI"))
    lines.append(_bank_key_line(settings))
    lines.append(_tsa_line(settings, pki))
    return lines


def _bank_key_line(settings: Settings) -> HealthLine:
    """The bank's signing key opens with the configured passphrase (or the token is configured)."""
    from station.bootstrap import bank_pkcs12
    from station.pki.demo import PkiError, load_pkcs12

    s = settings.signing
    if s.bank_key == "pkcs11":
        return HealthLine("bank key", True, f"PKCS#11 token {s.pkcs11_token_label!r} through {s.pkcs11_module} "
                          "(opened with its PIN when signing)", warn=True)
    try:
        path, passphrase = bank_pkcs12(settings)
        _key, cert, _chain = load_pkcs12(path, passphrase)
    except (PkiError, StationError) as exc:
        return HealthLine("bank key", False, str(exc), "set signing.pkcs12_passphrase (or "
                          "STATION_SIGNING__PKCS12_PASSPHRASE) to the passphrase of the bank's PKCS#12 file")
    return HealthLine("bank key", True, f"{path.name}: {cert.subject.rfc4514_string()}")


def _tsa_line(settings: Settings, pki: object) -> HealthLine:
    from station.timestamps.service import check_timestamp_service, from_demo_pki

    url = settings.signing.tsa_url
    try:
        if url == "local":
            if pki is None:
                return HealthLine("timestamps", False, "tsa_url is 'local' but the DEMO PKI is not in use",
                                  "set signing.tsa_url to the bank's RFC 3161 service")
            ok, message = check_timestamp_service(from_demo_pki(pki))  # type: ignore[arg-type]
            return HealthLine("timestamps", ok, f"local DEMO RFC 3161 service: {message}")
        ok, message = check_timestamp_service(url)
        return HealthLine("timestamps", ok, f"{url}: {message}", "" if ok else
                          "check the network; offline visits sign B-B and are upgraded later", warn=False)
    except Exception as exc:  # noqa: BLE001
        return HealthLine("timestamps", False, f"{type(exc).__name__}: {exc}", _SETUP)
