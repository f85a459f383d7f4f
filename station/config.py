"""Settings: one TOML file, overridden by environment variables, overridden by CLI flags.

Precedence, highest first: values passed by the caller (CLI flags), ``STATION_*`` environment
variables (nested with ``__``, e.g. ``STATION_SECURITY__IDLE_LOCK_MINUTES=10``), the settings file
(``STATION_CONFIG`` or the user's config folder), the embedded defaults. Data lives in the user's data
folder unless ``data_dir`` says otherwise.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from station.errors import SettingsError

APP_NAME = "station"


def default_config_file() -> Path:
    """Where the settings file is looked for when ``STATION_CONFIG`` is not set."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


class BankSettings(BaseModel):
    """Who the bank is and how it numbers accounts and cards issued at this station."""

    name: str = "DEMO 乡村商业银行"
    card_bin: str = Field("629900", pattern=r"^62\d{4}$", description="UnionPay-style BIN")
    card_length: int = Field(19, ge=16, le=19)
    account_prefix: str = Field("9900", pattern=r"^\d{2,6}$")
    account_length: int = Field(19, ge=12, le=20)
    branch_code: str = Field("0001", pattern=r"^\d{4}$")
    station_number: str = Field("01", pattern=r"^\d{2}$", description="unique per station in a branch")

    @model_validator(mode="after")
    def _room_for_a_sequence(self) -> BankSettings:
        """Each number needs at least 4 digits of sequence after its fixed head and before the check digit."""
        for what, prefix, length in (("card", self.card_bin, self.card_length),
                                     ("account", self.account_prefix, self.account_length)):
            head = len(prefix) + len(self.branch_code) + len(self.station_number)
            if length - head - 1 < 4:
                raise ValueError(f"{what} numbers of {length} digits leave no room for a sequence after "
                                 f"{head} fixed digits; make them longer or the prefix shorter")
        return self


class SecuritySettings(BaseModel):
    idle_lock_minutes: float = Field(5, gt=0)
    max_pin_attempts: int = Field(5, ge=1)
    lockout_minutes: float = Field(15, ge=0)
    pin_min_length: int = Field(6, ge=4)


class SigningSettings(BaseModel):
    """The bank's key, the borrower certificate issuer and the timestamp service."""

    bank_key: Literal["pkcs12", "pkcs11"] = "pkcs12"
    pkcs12_file: Path | None = None  # None: the demo PKI's bank.p12
    pkcs12_passphrase: SecretStr | None = None  # None: the demo PKI's passphrase file
    pkcs11_module: Path | None = None
    pkcs11_token_label: str | None = None
    pkcs11_key_label: str | None = None
    pkcs11_pin: SecretStr | None = None
    borrower_issuer: Literal["demo"] = "demo"
    tsa_url: str = "local"  # "local": the in-process RFC 3161 service on the demo TSA certificate
    trust_roots: list[Path] = []  # PEM files of further roots to trust (the bank's, the TSA's)
    crl_files: list[Path] = []  # CRLs (DER or PEM) for those roots' certificates
    online_revocation: bool = False  # fetch CRLs/OCSP over the network when signing (branch counters)


class OcrSettings(BaseModel):
    engine: Literal["rapidocr", "paddle"] = "rapidocr"


class FaceSettings(BaseModel):
    thresholds_file: Path | None = None  # None: the calibration shipped with the station


class SyncSettings(BaseModel):
    """What leaves the station: finished cases as evidence bundles encrypted to the branch."""

    recipient_cert: Path | None = None  # the branch's encryption certificate (PEM or DER); None: the DEMO one
    include_card_images: bool = False  # put the ID card images in the bundle (face images never leave)


class UiSettings(BaseModel):
    language: Literal["zh_CN", "en"] = "zh_CN"
    camera: str = "0"  # a camera index, or a video file or image folder


class _TomlFileSource(PydanticBaseSettingsSource):
    """Reads the settings file and turns every problem into a :class:`SettingsError`."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path) -> None:
        super().__init__(settings_cls)
        self.path = path

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover
        raise NotImplementedError  # __call__ returns the whole file at once

    def __call__(self) -> dict[str, Any]:
        return read_settings_file(self.path)


def read_settings_file(path: Path) -> dict[str, Any]:
    """The settings file as a dict; {} when it does not exist; SettingsError when it is unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise SettingsError(
            "settings-file-unreadable", path=str(path), problem=str(exc.strerror),
        ) from exc
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(
            "settings-file-not-toml", path=str(path), problem=str(exc),
        ) from exc


class Settings(BaseSettings):
    """Everything the station can be told; see the module docstring for precedence."""

    model_config = SettingsConfigDict(
        env_prefix="STATION_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    config_file: Path = Field(default_factory=default_config_file, exclude=True)
    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None  # None: SQLite file station.db in data_dir
    bank: BankSettings = BankSettings()
    security: SecuritySettings = SecuritySettings()
    signing: SigningSettings = SigningSettings()
    ocr: OcrSettings = OcrSettings()
    face: FaceSettings = FaceSettings()
    sync: SyncSettings = SyncSettings()
    ui: UiSettings = UiSettings()

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        path = Path(os.environ.get("STATION_CONFIG") or default_config_file())
        return init_settings, env_settings, _TomlFileSource(settings_cls, path)

    # Paths derived from data_dir: one place decides the layout of the data folder.
    @property
    def database_file(self) -> Path:
        return self.data_dir / "station.db"

    @property
    def pki_dir(self) -> Path:
        return self.data_dir / "pki"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "station.lock"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.database_file}"


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Load the settings; ``overrides`` are CLI flags (nested as dicts). Raises SettingsError."""
    if config_file is not None:
        os.environ["STATION_CONFIG"] = str(config_file)
    path = Path(os.environ.get("STATION_CONFIG") or default_config_file())
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise SettingsError(
            "settings-invalid-where", problems=problems, path=str(path),
        ) from exc
    return settings.model_copy(update={"config_file": path})


def write_default_settings(path: Path) -> None:
    """Write a commented settings file with the defaults, unless one is there already."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_DEFAULT_SETTINGS_TEXT, encoding="utf-8")


_DEFAULT_SETTINGS_TEXT = """\
# Station settings. Every key is optional; the defaults below are the embedded ones.
# Environment variables override this file: STATION_<KEY> or STATION_<SECTION>__<KEY>.

# data_dir = "/path/to/station-data"
# database_url = "sqlite:////path/to/station.db"

[bank]
# name = "DEMO 乡村商业银行"
# card_bin = "629900"          # UnionPay-style BIN for the cards issued here
# account_prefix = "9900"
# branch_code = "0001"
# station_number = "01"        # unique per station in a branch: numbers never collide

[security]
# idle_lock_minutes = 5
# max_pin_attempts = 5
# lockout_minutes = 15

[signing]
# bank_key = "pkcs12"           # or "pkcs11" with pkcs11_module / pkcs11_token_label / pkcs11_key_label
# tsa_url = "local"             # or the bank's RFC 3161 service URL

[ocr]
# engine = "rapidocr"           # or "paddle" when the paddle extra is installed

[sync]
# recipient_cert = "/path/to/branch-sync.pem"  # the branch's RSA encryption certificate (PEM or DER);
#                               # unset: the DEMO branch certificate in the data folder's pki/
# include_card_images = false   # true: ID card images go into the bundle too (face images never do)

[ui]
# language = "zh_CN"            # or "en"
# camera = "0"
"""
