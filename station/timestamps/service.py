"""A local RFC 3161 time-stamping service: the embedded default for offline visits.

:class:`LocalTimeStampService` is a pyHanko :class:`~pyhanko.sign.timestamps.TimeStamper` that is its
own TSA, so the signing code can use it in process; :func:`serve` puts it on loopback HTTP for
clients that speak RFC 3161 over HTTP (pyHanko's ``HTTPTimeStamper``, ``openssl ts``, other tools).
Its tokens are only as good as the station's clock and the DEMO TSA key: offline signatures reach
B-T with it and are raised to B-LT/B-LTA against a real TSA when the network is back.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import BinaryIO, Self

from asn1crypto import cms, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper, TimestampRequestError
from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
from pyhanko.sign.validation.status import TimestampSignatureStatus
from pyhanko_certvalidator import ValidationContext

from station.pki import asn1_lengths
from station.pki.demo import Clock, DemoPki, IssuedCertificate, to_asn1, wall_clock

# An OID under the UUID arc 2.25 (ITU-T X.667), which needs no registration: "DEMO station TSA policy".
DEFAULT_POLICY = "2.25.108053266369857580050987524360763428828.1"
DIGEST_SIZES = {"sha256": 32, "sha384": 48, "sha512": 64}  # accepted message-imprint algorithms
TOKEN_DIGEST = "sha256"
MAX_REQUEST_BYTES = 16 * 1024
CLOCK_TOLERANCE = timedelta(minutes=5)
QUERY_TYPE = "application/timestamp-query"
REPLY_TYPE = "application/timestamp-reply"

_log = logging.getLogger(__name__)

asn1_lengths.install()  # else a token holding a length that ends in 0x80 takes seconds to embed


class MalformedRequest(ValueError):
    """The bytes are not a DER-encoded ``TimeStampReq``."""


class LocalTimeStampService(TimeStamper):
    """An RFC 3161 TSA signing with a local key; usable directly as a pyHanko timestamper.

    Requests with an unknown digest algorithm, a digest of the wrong length, another policy or any
    extension are refused with an RFC 3161 ``rejection`` status. Serial numbers are 128 random bits;
    times are ``clock()`` (the wall clock unless given; pyHanko's ``DummyTimeStamper`` has ``fixed_dt``)
    in whole seconds of UTC, with an accuracy of one second.
    """

    def __init__(
        self,
        signing_key: PrivateKeyTypes,
        signing_cert: x509.Certificate,
        chain: Sequence[x509.Certificate],
        policy: str = DEFAULT_POLICY,
        clock: Clock = wall_clock,
    ) -> None:
        _require_tsa_certificate(signing_key, signing_cert)
        super().__init__(include_nonce=True)
        self.policy = policy
        self.clock = clock
        self.certificate = signing_cert
        self.chain = tuple(chain)
        self._tsa_name = asn1_x509.GeneralName(name="directory_name", value=to_asn1(signing_cert).subject)
        self._signer = IssuedCertificate(signing_key, signing_cert, self.chain).signer()

    def trust_roots(self) -> list[asn1_x509.Certificate]:
        """The self-signed certificates of the service's chain (its roots), as asn1crypto objects."""
        return [to_asn1(c) for c in self.chain if c.issuer == c.subject]

    def respond(self, request_der: bytes) -> bytes:
        """Answer a DER ``TimeStampReq`` with a DER ``TimeStampResp``; :class:`MalformedRequest` if undecodable."""
        return self.request_tsa_response(_parse_request(request_der)).dump()

    def request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        """Synchronous :meth:`async_request_tsa_response` (not for use inside a running event loop)."""
        return asyncio.run(self.async_request_tsa_response(req))

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        """Grant a token for ``req``, or refuse it with an RFC 3161 failure code."""
        refusal = self._refusal(req)
        if refusal is not None:
            return _rejection(*refusal)
        tst_info = self._tst_info(req, self.clock().astimezone(UTC).replace(microsecond=0))
        content = cms.EncapsulatedContentInfo(
            {"content_type": "tst_info", "content": cms.ParsableOctetString(tst_info.dump())}
        )
        token = await self._signer.async_sign_general_data(content, TOKEN_DIGEST, detached=False)
        if not req["cert_req"].native:
            token = _without_certificates(token)  # RFC 3161 §2.4.1: no certReq, no certificates
        return tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token})

    def _refusal(self, req: tsp.TimeStampReq) -> tuple[str, str] | None:
        imprint = req["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        if req["version"].native != "v1":
            return "bad_request", "only version 1 requests are supported"
        if algorithm not in DIGEST_SIZES:
            return "bad_alg", f"digest algorithm {algorithm} is not accepted; use one of {', '.join(DIGEST_SIZES)}"
        if len(imprint["hashed_message"].native) != DIGEST_SIZES[algorithm]:
            return "bad_data_format", f"the {algorithm} digest must be {DIGEST_SIZES[algorithm]} bytes"
        policy = req["req_policy"].native
        if policy is not None and policy != self.policy:
            return "unaccepted_policy", f"this TSA only issues tokens under policy {self.policy}"
        if req["extensions"].native:
            return "unaccepted_extensions", "this TSA accepts no request extensions"
        return None

    def _tst_info(self, req: tsp.TimeStampReq, now: datetime) -> tsp.TSTInfo:
        info = {
            "version": "v1",
            "policy": self.policy,
            "message_imprint": req["message_imprint"],
            "serial_number": secrets.randbits(128),
            "gen_time": now,
            "accuracy": {"seconds": 1},
            "tsa": self._tsa_name,
        }
        if req["nonce"].native is not None:
            info["nonce"] = req["nonce"]
        return tsp.TSTInfo(info)


@dataclass
class RunningTsa:
    """A timestamp service answering HTTP on a daemon thread; close it (or use ``with``) when done."""

    url: str
    _server: ThreadingHTTPServer
    _thread: threading.Thread

    def close(self) -> None:
        """Stop answering and free the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def serve(service: LocalTimeStampService, host: str = "127.0.0.1", port: int = 0) -> RunningTsa:
    """Answer RFC 3161 requests over HTTP at ``host:port`` (loopback and a free port by default)."""
    server = _TsaServer((host, port), _handler_for(service))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="local-tsa", daemon=True)
    thread.start()
    bound_host, bound_port = server.server_address[:2]
    return RunningTsa(f"http://{bound_host}:{bound_port}/", server, thread)


def from_demo_pki(pki: DemoPki, clock: Clock = wall_clock) -> LocalTimeStampService:
    """The local timestamp service signing with the DEMO PKI's TSA key, telling the time by ``clock``."""
    material = pki.tsa_signer_material()
    return LocalTimeStampService(material.private_key, material.certificate, material.chain, clock=clock)


def verify_token(
    token: cms.ContentInfo, digest: bytes, trust_roots: Sequence[asn1_x509.Certificate]
) -> TimestampSignatureStatus:
    """pyHanko's verdict on a timestamp token for ``digest`` against ``trust_roots`` (no revocation fetching)."""
    context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
    status = asyncio.run(
        validate_tst_signed_data(token["content"], context, expected_tst_imprint=lambda _algorithm: digest)
    )
    return TimestampSignatureStatus(**status)


def check_timestamp_service(
    target: str | LocalTimeStampService, trust_roots: Sequence[asn1_x509.Certificate] | None = None
) -> tuple[bool, str]:
    """Health check: get a token for a random digest from a URL or a service and verify it.

    ``trust_roots`` default to the service's own roots; a URL needs them given.
    """
    if isinstance(target, str):
        timestamper: TimeStamper = HTTPTimeStamper(target)
        where = f"the timestamp service at {target}"
        if trust_roots is None:
            raise ValueError("trust_roots are needed to check a timestamp service by URL")
    else:
        timestamper, where = target, "the local timestamp service"
        trust_roots = target.trust_roots() if trust_roots is None else trust_roots
    digest = os.urandom(DIGEST_SIZES[TOKEN_DIGEST])
    try:
        token = asyncio.run(timestamper.async_timestamp(digest, TOKEN_DIGEST))
        status = verify_token(token, digest, trust_roots)
    except (TimestampRequestError, OSError, ValueError) as exc:
        return False, f"{where} gave no usable timestamp ({exc}); check that it runs and its address"
    return _judge_token(where, status)


def _judge_token(where: str, status: TimestampSignatureStatus) -> tuple[bool, str]:
    if not (status.intact and status.valid):
        return False, f"{where} returned a token whose signature does not verify; check its key and certificate"
    if not status.trusted:
        return False, f"{where} signs with a certificate that does not chain to the trusted root; check the TSA setup"
    skew = abs(status.timestamp - datetime.now(UTC))
    if skew > CLOCK_TOLERANCE:
        return False, f"{where} is {skew.total_seconds():.0f} s off the station clock; set the clock right"
    subject = status.signing_cert.subject.human_friendly
    return True, f"{where} answered with a valid token from {subject} at {status.timestamp:%Y-%m-%d %H:%M:%S} UTC"


def _require_tsa_certificate(key: PrivateKeyTypes, cert: x509.Certificate) -> None:
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        eku = None
    if eku is None or not eku.critical or list(eku.value) != [ExtendedKeyUsageOID.TIME_STAMPING]:
        raise ValueError("a TSA certificate needs the sole extended key usage timeStamping, marked critical")
    if key.public_key() != cert.public_key():
        raise ValueError("the TSA key does not match the TSA certificate")


def _parse_request(data: bytes) -> tsp.TimeStampReq:
    try:
        request = tsp.TimeStampReq.load(data, strict=True)
        _ = request.native  # decode everything now, not halfway through answering
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise MalformedRequest(f"not a DER-encoded RFC 3161 TimeStampReq ({exc})") from exc
    return request


def _rejection(fail_info: str, text: str) -> tsp.TimeStampResp:
    status = {"status": "rejection", "status_string": [text], "fail_info": tsp.PKIFailureInfo({fail_info})}
    return tsp.TimeStampResp({"status": status})


def _without_certificates(token: cms.ContentInfo) -> cms.ContentInfo:
    signed = token["content"]
    kept = ("version", "digest_algorithms", "encap_content_info", "signer_infos")
    return cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData({k: signed[k] for k in kept})})


# --- HTTP ---------------------------------------------------------------------------------------

class _TsaServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        _log.warning("local TSA: connection from %s failed", client_address, exc_info=True)


def _handler_for(service: LocalTimeStampService) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        server_version = "StationTSA/1"
        timeout = 10

        def do_POST(self) -> None:  # noqa: N802 (the http.server naming)
            try:
                status, content_type, body = _answer(service, self.headers, self.rfile)
            except Exception:
                _log.exception("local TSA: request failed")
                status, content_type, body = 500, "text/plain", b"internal error in the timestamp service\n"
            self._reply(status, content_type, body)

        def do_GET(self) -> None:  # noqa: N802
            self._reply(405, "text/plain", f"POST an RFC 3161 request as {QUERY_TYPE}\n".encode(), Allow="POST")

        def _reply(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
            self.send_response(status)
            for name, value in {"Content-Type": content_type, "Content-Length": str(len(body)), **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            _log.debug("local TSA: %s " + format, self.address_string(), *args)

    return _Handler


def _answer(service: LocalTimeStampService, headers: Message, body_stream: BinaryIO) -> tuple[int, str, bytes]:
    """(HTTP status, content type, body) for one POST."""
    if headers.get_content_type() != QUERY_TYPE:
        return 415, "text/plain", f"expected Content-Type {QUERY_TYPE}\n".encode()
    try:
        length = int(headers.get("Content-Length", ""))
    except ValueError:
        return 411, "text/plain", b"a Content-Length header is required\n"
    if length <= 0:
        return 400, "text/plain", b"the request body is empty\n"
    if length > MAX_REQUEST_BYTES:
        return 413, "text/plain", f"a time-stamp request is at most {MAX_REQUEST_BYTES} bytes\n".encode()
    try:
        return 200, REPLY_TYPE, service.respond(body_stream.read(length))
    except MalformedRequest as exc:
        return 400, "text/plain", f"malformed time-stamp request: {exc}\n".encode()
