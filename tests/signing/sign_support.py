"""What the one-pass signing tests share: a DEMO PKI, the sample documents, a handwriting image, the
checks by pyHanko and by poppler's pdfsig, and a SoftHSM2 token made by the tests themselves.

Everything is made at test time; the people are invented (the built-in sample borrower).
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pkcs11
import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESSubIndic
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy, RevocationCheckingRule
from pyhanko_certvalidator.registry import SimpleTrustManager

from station.core.models import DocumentRecord
from station.documents.fonts import stamp_font
from station.documents.render import render_documents
from station.operations.sample import sample_capture, sample_identity, sample_input
from station.pki.demo import DemoPki, ensure_demo_pki, load_pkcs12
from station.pki.signers import Pkcs12Key, open_bank_key
from station.pki.trust import Trust
from station.signing.sign import SigningKit, SigningOutcome, sign_set
from station.timestamps.service import from_demo_pki

BANK_NAME = "DEMO 乡村商业银行"
SIGNING_DAY = date(2026, 11, 23)
ISSUED_AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
SOFTHSM_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")


# --- inputs -------------------------------------------------------------------------------------

def blank_png(size: tuple[int, int] = (600, 240)) -> bytes:
    """A fully transparent PNG: what an untouched pad would give."""
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 0, 0, 0)).save(out, format="PNG")
    return out.getvalue()


def documents() -> list[DocumentRecord]:
    """The four sample documents, rendered by the document module (unsigned, with empty fields)."""
    return list(render_documents(sample_input(BANK_NAME, ISSUED_AT)).document_set().documents)


def pkcs12_kit(pki: DemoPki, timestamper: object = "local", trust: Trust | None = None) -> SigningKit:
    """A kit on the DEMO PKCS#12 bank key; ``timestamper`` "local" is the in-process DEMO service."""
    bank = open_bank_key(Pkcs12Key(pki.bank_p12_file, pki.bank_passphrase()))
    tsa = from_demo_pki(pki) if timestamper == "local" else timestamper
    return SigningKit.assemble(bank, pki.borrower_issuer(), trust or Trust.from_demo_pki(pki), tsa,  # type: ignore[arg-type]
                               stamp_font(), BANK_NAME)


def sign_sample(kit: SigningKit, records: list[DocumentRecord] | None = None, **kwargs: object) -> SigningOutcome:
    return sign_set(records if records is not None else documents(), sample_capture(), sample_identity(), kit,
                    day=SIGNING_DAY, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def module_pki(tmp_path_factory: pytest.TempPathFactory) -> DemoPki:
    return ensure_demo_pki(tmp_path_factory.mktemp("pki"), BANK_NAME)


# --- pyHanko ------------------------------------------------------------------------------------

def pyhanko_statuses(pdf: bytes, trust: Trust) -> dict[str, PdfSignatureStatus]:
    """pyHanko's full status of every signature, by field: integrity, trust (DEMO root, DEMO CRLs,
    revocation required), coverage, modifications, DocMDP, timestamp."""
    reader = PdfFileReader(io.BytesIO(pdf))

    async def run() -> dict[str, PdfSignatureStatus]:
        return {sig.field_name: await async_validate_pdf_signature(sig, trust.validation_context())
                for sig in reader.embedded_regular_signatures}

    return asyncio.run(run())


def docmdp_levels(pdf: bytes) -> dict[str, MDPPerm | None]:
    """The DocMDP permission each signature sets (None for approval signatures), by field."""
    reader = PdfFileReader(io.BytesIO(pdf))
    return {sig.field_name: sig.docmdp_level for sig in reader.embedded_regular_signatures}


def strict_lta_results(pdf: bytes, roots: list[asn1_x509.Certificate]) -> dict[str, AdESSubIndic]:
    """pyHanko's AdES long-term validation of every signature from what the file carries alone: no
    fetching, no CRLs supplied, revocation data required for every certificate. Field -> subindication."""
    rule = RevocationCheckingRule.CRL_OR_OCSP_REQUIRED
    spec = PdfSignatureValidationSpec(SignatureValidationSpec(
        cert_validation_policy=CertValidationPolicySpec(
            trust_manager=SimpleTrustManager.build(trust_roots=roots),
            revinfo_policy=CertRevTrustPolicy(RevocationCheckingPolicy(rule, rule))),
        revinfo_gathering_policy=RevocationInfoGatheringSpec(online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY),
    ))
    reader = PdfFileReader(io.BytesIO(pdf))

    async def run() -> dict[str, AdESSubIndic]:
        return {sig.field_name: (await ades_lta_validation(sig, spec)).ades_subindic
                for sig in reader.embedded_regular_signatures}

    return asyncio.run(run())


# --- poppler's pdfsig ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PdfsigSignature:
    field: str
    signature: str  # "Signature is Valid." when it is
    certificate: str  # "Certificate is Trusted." when it is

    @property
    def accepted(self) -> bool:
        return self.signature == "Signature is Valid." and self.certificate == "Certificate is Trusted."


class Pdfsig:
    """pdfsig against an NSS database holding only the DEMO root (made with certutil)."""

    def __init__(self, folder: Path, root_pem: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.db = f"sql:{folder}"
        _run(["certutil", "-N", "-d", self.db, "--empty-password"])
        _run(["certutil", "-A", "-n", "DEMO root", "-t", "CT,C,C", "-i", str(root_pem), "-d", self.db])

    def check(self, pdf: Path) -> dict[str, PdfsigSignature]:
        """Each signature's verdicts by field name. pdfsig exits 0 even on failure: the text is parsed."""
        run = subprocess.run(["pdfsig", "-nssdir", self.db, str(pdf)], capture_output=True, text=True, timeout=60)
        found = {}
        for block in re.split(r"^Signature #\d+:\s*$", run.stdout, flags=re.M)[1:]:
            field = re.search(r"Signature Field Name: (.*)", block)
            signature = re.search(r"Signature Validation: (.*)", block)
            certificate = re.search(r"Certificate Validation: (.*)", block)
            if field is not None:
                found[field.group(1).strip()] = PdfsigSignature(
                    field.group(1).strip(), signature.group(1).strip() if signature else "",
                    certificate.group(1).strip() if certificate else "")
        return found


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    run = subprocess.run(command, capture_output=True, text=True, timeout=60, **kwargs)  # type: ignore[call-overload]
    if run.returncode != 0:
        raise AssertionError(f"{command[0]} failed: {run.stdout}{run.stderr}")
    return run


# --- a SoftHSM2 token -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    label: str
    key_label: str
    pin: str
    so_pin: str
    folder: Path  # the token's own folder under the token directory


class SoftHsm:
    """A SoftHSM2 token directory of the tests' own (SOFTHSM2_CONF points at it for this process)."""

    def __init__(self, root: Path) -> None:
        self.tokens = root / "tokens"
        self.tokens.mkdir(parents=True)
        self.conf = root / "softhsm2.conf"
        self.conf.write_text(f"directories.tokendir = {self.tokens}\nobjectstore.backend = file\n"
                             "log.level = ERROR\nslots.removable = false\n")
        self.env = {**os.environ, "SOFTHSM2_CONF": str(self.conf)}

    def new_token(self, label: str, pki: DemoPki, pin: str = "246813") -> Token:
        """A token with a P-256 key generated on it (never extractable) and a DEMO bank certificate for it."""
        before = set(self.tokens.iterdir())
        so_pin = "86421357"
        self._tool(["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", so_pin])
        folder = next(iter(set(self.tokens.iterdir()) - before))
        p11 = ["pkcs11-tool", "--module", str(SOFTHSM_MODULE), "--token-label", label, "--login", "--pin", pin]
        self._tool([*p11, "--keypairgen", "--key-type", "EC:prime256v1", "--label", "bank", "--id", "01"])
        public_der = folder.parent / f"{label}.pub.der"
        self._tool([*p11, "--read-object", "--type", "pubkey", "--id", "01", "-o", str(public_der)])
        cert = issue_like_bank(pki, serialization.load_der_public_key(public_der.read_bytes()))
        cert_der = folder.parent / f"{label}.crt.der"
        cert_der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
        self._tool([*p11, "--write-object", str(cert_der), "--type", "cert", "--id", "01", "--label", "bank"])
        # SoftHSM2 reads its token folder when initialised: a process that loaded it already sees the new
        # token (as a real module sees a token plugged in) only after finalising and initialising again
        if str(SOFTHSM_MODULE) in pkcs11._loaded:
            pkcs11.lib(str(SOFTHSM_MODULE)).reinitialize()
        return Token(label, "bank", pin, so_pin, folder)

    def _tool(self, command: list[str]) -> None:
        _run(command, env=self.env)


def issue_like_bank(pki: DemoPki, public_key: object, not_after: datetime | None = None,
                    not_before: datetime | None = None) -> x509.Certificate:
    """A certificate like the DEMO bank's (same subject and extensions) for another key, by the DEMO issuing CA."""
    _, template, _ = load_pkcs12(pki.bank_p12_file, pki.bank_passphrase())
    issuing = pki.issuing_cert()
    issuing_key = serialization.load_pem_private_key(pki.issuing_key_file.read_bytes(), password=None)
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(template.subject)
        .issuer_name(issuing.subject)
        .public_key(public_key)  # type: ignore[arg-type]
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(minutes=5))
        .not_valid_after(not_after or now + timedelta(days=365))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)  # type: ignore[arg-type]
    )
    for extension in template.extensions:
        if not isinstance(extension.value, x509.SubjectKeyIdentifier):
            builder = builder.add_extension(extension.value, critical=extension.critical)
    return builder.sign(issuing_key, hashes.SHA256())  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SoftHsm]:
    """SoftHSM2 reads SOFTHSM2_CONF once per process, when the module is first loaded: one directory
    serves every token test of the session."""
    hsm = SoftHsm(tmp_path_factory.mktemp("softhsm"))
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(hsm.conf)
    yield hsm
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


def copy_pdf(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path
