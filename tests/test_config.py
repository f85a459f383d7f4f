"""Settings: defaults, file, environment and flags in that order of precedence; clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from station.config import load_settings, write_default_settings
from station.errors import SettingsError


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_live_in_the_users_folders(tmp_path: Path) -> None:
    s = load_settings()
    assert s.security.idle_lock_minutes == 5
    assert s.signing.tsa_url == "local"
    assert s.database_file == s.data_dir / "station.db"
    assert s.db_url == f"sqlite:///{s.data_dir / 'station.db'}"


def test_file_then_environment_then_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _write(tmp_path / "s.toml", '[security]\nidle_lock_minutes = 7\nmax_pin_attempts = 3\n'
                    '[bank]\nstation_number = "05"\n')
    assert load_settings(config).security.idle_lock_minutes == 7
    monkeypatch.setenv("STATION_SECURITY__IDLE_LOCK_MINUTES", "9")
    s = load_settings(config)
    assert s.security.idle_lock_minutes == 9
    assert s.security.max_pin_attempts == 3  # the file's other keys in the same section survive
    s = load_settings(config, security={"idle_lock_minutes": 11}, bank={"station_number": "06"})
    assert (s.security.idle_lock_minutes, s.bank.station_number) == (11, "06")
    assert s.config_file == config


def test_broken_toml_names_the_line_and_is_left_alone(tmp_path: Path) -> None:
    config = _write(tmp_path / "s.toml", "[bank]\nname = \n")
    before = config.read_bytes()
    with pytest.raises(SettingsError, match=r"not valid TOML.*line 2"):
        load_settings(config)
    assert config.read_bytes() == before


def test_invalid_value_says_which_key(tmp_path: Path) -> None:
    config = _write(tmp_path / "s.toml", '[bank]\ncard_bin = "4111"\n')
    with pytest.raises(SettingsError, match=r"bank\.card_bin"):
        load_settings(config)


def test_unknown_key_is_refused_not_ignored(tmp_path: Path) -> None:
    config = _write(tmp_path / "s.toml", "idle_lock = 3\n")
    with pytest.raises(SettingsError, match="idle_lock"):
        load_settings(config)


def test_unreadable_settings_file(tmp_path: Path) -> None:
    config = tmp_path / "s.toml"
    config.mkdir()  # a folder where the file should be: unreadable as a file, even for root
    with pytest.raises(SettingsError, match="Cannot read the settings file"):
        load_settings(config)


def test_missing_file_means_defaults_and_a_commented_file_can_be_written(tmp_path: Path) -> None:
    config = tmp_path / "new" / "settings.toml"
    assert load_settings(config).bank.card_bin == "629900"
    write_default_settings(config)
    assert load_settings(config).bank.card_bin == "629900"  # every key in it is commented out
    config.write_text('[bank]\ncard_bin = "621234"\n', encoding="utf-8")
    write_default_settings(config)  # never overwrites
    assert load_settings(config).bank.card_bin == "621234"
