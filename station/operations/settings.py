"""Changing the settings file (the GUI's settings window does): check the whole result first, then write it.

A change is merged into what the file holds now and validated by :class:`station.config.Settings`
(the same rules as at start), paths are checked to exist, and the trust roots and CRL files are read
as signing will read them; only then is the file rewritten. Secrets
(passphrases, PINs) are never written here: they come from the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from station.config import Settings, read_settings_file
from station.errors import SettingsError

PATH_KEYS = (("face", "thresholds_file"), ("signing", "pkcs12_file"), ("signing", "pkcs11_module"))
"""Settings that name a file which must exist."""


def merged(current: Mapping[str, Any], changes: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The file's sections with ``changes`` applied; a value of None removes the key (back to the default)."""
    data = {k: dict(v) if isinstance(v, Mapping) else v for k, v in current.items()}
    for section, values in changes.items():
        target = data.setdefault(section, {})
        for key, value in values.items():
            if value is None:
                target.pop(key, None)
            else:
                target[key] = str(value) if isinstance(value, Path) else value
        if not target:
            data.pop(section)
    return data


def check(data: Mapping[str, Any]) -> Settings:
    """Validate settings as the station would load them; SettingsError names every problem."""
    try:
        settings = Settings(**data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise SettingsError("settings-invalid", problems=problems) from exc
    for section, key in PATH_KEYS:
        value = getattr(getattr(settings, section), key)
        if value is not None and not Path(value).is_file():
            raise SettingsError("settings-no-file", setting=f"{section}.{key}", path=str(value))
    camera = settings.ui.camera
    if not camera.isdigit() and not Path(camera).exists():
        raise SettingsError("settings-camera", camera=camera)
    _check_trust_files(settings)
    return settings


def _check_trust_files(settings: Settings) -> None:
    """The trust roots and CRL files must exist and parse, read as signing reads them."""
    from station.pki.certs import CertificateFileError, read_certificates, read_crls

    for key, read in (("trust_roots", read_certificates), ("crl_files", read_crls)):
        for value in getattr(settings.signing, key):
            if not Path(value).is_file():
                raise SettingsError("settings-no-file", setting=f"signing.{key}", path=str(value))
            try:
                read(value)
            except CertificateFileError as exc:
                raise SettingsError("settings-trust-file", key=key, problem=exc.message) from exc


def save(path: Path, changes: Mapping[str, Mapping[str, Any]]) -> Settings:
    """Apply ``changes`` to the settings file at ``path`` after checking the result; returns it, loaded."""
    data = merged(read_settings_file(path), changes)
    settings = check(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".toml.partial")
    partial.write_text("# Station settings, written by the settings window; every key is optional.\n"
                       + tomli_w.dumps(data), encoding="utf-8")
    os.replace(partial, path)
    return settings.model_copy(update={"config_file": path})
