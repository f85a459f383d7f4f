"""The local RFC 3161 timestamp service, in process and over loopback HTTP."""

from __future__ import annotations

import asyncio
import hashlib
import http.client
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from asn1crypto import algos, cms, tsp
from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError

from station.pki.demo import DemoPki
from station.timestamps.service import (
    DEFAULT_POLICY,
    LocalTimeStampService,
    RunningTsa,
    check_timestamp_service,
    from_demo_pki,
    serve,
    verify_token,
)


@pytest.fixture
def service(demo_pki: DemoPki) -> LocalTimeStampService:
    return from_demo_pki(demo_pki)


@pytest.fixture
def running(service: LocalTimeStampService) -> Iterator[RunningTsa]:
    with serve(service) as tsa:
        yield tsa


def _post(url: str, body: bytes, content_type: str = "application/timestamp-query") -> tuple[int, str, bytes]:
    """POST without urllib, so no proxy from the environment gets in the way."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request("POST", parts.path or "/", body=body, headers={"Content-Type": content_type})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def _request(digest: bytes, algorithm: str = "sha256", **fields: object) -> tsp.TimeStampReq:
    imprint = tsp.MessageImprint(
        {"hash_algorithm": algos.DigestAlgorithm({"algorithm": algorithm}), "hashed_message": digest}
    )
    return tsp.TimeStampReq({"version": "v1", "message_imprint": imprint, "cert_req": True, **fields})


def _tst_info(token: cms.ContentInfo) -> tsp.TSTInfo:
    return token["content"]["encap_content_info"]["content"].parsed


def _http_token(url: str, digest: bytes) -> cms.ContentInfo:
    return asyncio.run(HTTPTimeStamper(url).async_timestamp(digest, "sha256"))


# --- over HTTP ----------------------------------------------------------------------------------

def test_serves_on_loopback(running: RunningTsa) -> None:
    assert running.url.startswith("http://127.0.0.1:")


def test_pyhanko_http_client_gets_a_token_that_verifies(running: RunningTsa, demo_pki: DemoPki) -> None:
    digest = hashlib.sha256(b"loan contract 2024-0001").digest()
    token = _http_token(running.url, digest)
    status = verify_token(token, digest, demo_pki.trust_roots())
    assert status.intact and status.valid and status.trusted
    assert "DEMO Station Time Stamping Authority" in status.signing_cert.subject.human_friendly
    assert abs(status.timestamp - datetime.now(UTC)) < timedelta(minutes=1)
    info = _tst_info(token)
    assert info["policy"].dotted == DEFAULT_POLICY
    assert info["message_imprint"]["hashed_message"].native == digest


def test_token_does_not_verify_for_another_digest_or_root(
    running: RunningTsa, demo_pki: DemoPki, other_pki: DemoPki
) -> None:
    digest = os.urandom(32)
    token = _http_token(running.url, digest)
    assert not verify_token(token, os.urandom(32), demo_pki.trust_roots()).intact
    assert not verify_token(token, digest, other_pki.trust_roots()).trusted


def test_openssl_verifies_tokens_by_data_and_by_digest(
    running: RunningTsa, demo_pki: DemoPki, tmp_path: Path, openssl, write_pem
) -> None:
    root = write_pem(tmp_path / "root.pem", [demo_pki.root_cert()])
    chain = write_pem(tmp_path / "chain.pem", [demo_pki.tsa_cert(), demo_pki.issuing_cert()])
    document = tmp_path / "contract.pdf"
    document.write_bytes(b"%PDF-1.7 a contract")

    query = openssl("ts", "-query", "-data", document, "-sha256", "-cert", "-out", tmp_path / "req.tsq")
    assert query.returncode == 0, query.stderr
    status, content_type, reply = _post(running.url, (tmp_path / "req.tsq").read_bytes())
    assert (status, content_type) == (200, "application/timestamp-reply")
    (tmp_path / "reply.tsr").write_bytes(reply)
    by_data = openssl("ts", "-verify", "-data", document, "-in", tmp_path / "reply.tsr",
                      "-CAfile", root, "-untrusted", chain)
    assert by_data.returncode == 0 and "Verification: OK" in by_data.stdout, by_data.stdout + by_data.stderr

    digest = hashlib.sha256(b"another document").digest()
    (tmp_path / "token.der").write_bytes(_http_token(running.url, digest).dump())
    by_digest = openssl("ts", "-verify", "-digest", digest.hex(), "-in", tmp_path / "token.der", "-token_in",
                        "-CAfile", root, "-untrusted", chain)
    assert by_digest.returncode == 0 and "Verification: OK" in by_digest.stdout, by_digest.stdout + by_digest.stderr

    wrong = openssl("ts", "-verify", "-digest", hashlib.sha256(b"forged").hexdigest(), "-in",
                    tmp_path / "token.der", "-token_in", "-CAfile", root, "-untrusted", chain)
    assert wrong.returncode != 0


def test_the_service_tells_the_time_by_the_clock_it_is_given(demo_pki: DemoPki) -> None:
    stopped = datetime(2031, 2, 3, 4, 5, 6, 789_000, tzinfo=UTC)
    service = from_demo_pki(demo_pki, clock=lambda: stopped)
    digest = hashlib.sha256(b"loan contract 2031-0001").digest()

    token = asyncio.run(service.async_timestamp(digest, "sha256"))

    assert _tst_info(token)["gen_time"].native == stopped.replace(microsecond=0)


def test_without_cert_req_the_token_carries_no_certificates(
    running: RunningTsa, demo_pki: DemoPki, tmp_path: Path, openssl, write_pem
) -> None:
    document = tmp_path / "doc.bin"
    document.write_bytes(os.urandom(100))
    assert openssl("ts", "-query", "-data", document, "-sha256", "-out", tmp_path / "req.tsq").returncode == 0
    status, _, reply = _post(running.url, (tmp_path / "req.tsq").read_bytes())
    assert status == 200
    token = tsp.TimeStampResp.load(reply)["time_stamp_token"]
    assert not token["content"]["certificates"].native
    (tmp_path / "reply.tsr").write_bytes(reply)
    root = write_pem(tmp_path / "root.pem", [demo_pki.root_cert()])
    chain = write_pem(tmp_path / "chain.pem", [demo_pki.tsa_cert(), demo_pki.issuing_cert()])
    verified = openssl("ts", "-verify", "-data", document, "-in", tmp_path / "reply.tsr",
                       "-CAfile", root, "-untrusted", chain)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_malformed_post_gets_400_and_the_server_keeps_answering(running: RunningTsa, demo_pki: DemoPki) -> None:
    status, _, body = _post(running.url, b"\x30\x03garbage")
    assert status == 400 and b"malformed time-stamp request" in body
    status, _, body = _post(running.url, _request(os.urandom(32)).dump(), content_type="text/plain")
    assert status == 415 and b"application/timestamp-query" in body
    status, _, _ = _post(running.url, b"")
    assert status == 400

    digest = os.urandom(32)
    assert verify_token(_http_token(running.url, digest), digest, demo_pki.trust_roots()).trusted


def test_serial_numbers_differ(running: RunningTsa) -> None:
    digest = os.urandom(32)
    serials = {_tst_info(_http_token(running.url, digest))["serial_number"].native for _ in range(3)}
    assert len(serials) == 3


def test_close_frees_the_port(service: LocalTimeStampService) -> None:
    tsa = serve(service)
    tsa.close()
    with pytest.raises(TimestampRequestError):
        _http_token(tsa.url, os.urandom(32))


# --- in process ---------------------------------------------------------------------------------

def test_service_is_a_pyhanko_timestamper(service: LocalTimeStampService, demo_pki: DemoPki) -> None:
    digest = os.urandom(48)
    token = asyncio.run(service.async_timestamp(digest, "sha384"))
    assert verify_token(token, digest, demo_pki.trust_roots()).trusted


@pytest.mark.parametrize(
    ("request_", "fail_info"),
    [
        (_request(os.urandom(20), "sha1"), "bad_alg"),
        (_request(os.urandom(31)), "bad_data_format"),
        (_request(os.urandom(32), req_policy="1.2.3.4"), "unaccepted_policy"),
    ],
)
def test_unacceptable_requests_are_rejected(
    service: LocalTimeStampService, request_: tsp.TimeStampReq, fail_info: str
) -> None:
    response = service.request_tsa_response(request_)
    assert response["status"]["status"].native == "rejection"
    assert response["status"]["fail_info"].native == {fail_info}
    assert not response["time_stamp_token"].native


def test_service_refuses_a_certificate_without_timestamping_usage(demo_pki: DemoPki) -> None:
    bank = demo_pki.bank_signer_material()
    with pytest.raises(ValueError, match="timeStamping"):
        LocalTimeStampService(bank.private_key, bank.certificate, bank.chain)


# --- health check -------------------------------------------------------------------------------

def test_check_timestamp_service(running: RunningTsa, service: LocalTimeStampService, demo_pki: DemoPki) -> None:
    ok, message = check_timestamp_service(service)
    assert ok, message
    ok, message = check_timestamp_service(running.url, demo_pki.trust_roots())
    assert ok and running.url in message, message


def test_check_timestamp_service_failures(running: RunningTsa, other_pki: DemoPki) -> None:
    ok, message = check_timestamp_service(running.url, other_pki.trust_roots())
    assert not ok and "does not chain to the trusted root" in message
    stopped = serve(from_demo_pki(other_pki))
    stopped.close()
    ok, message = check_timestamp_service(stopped.url, other_pki.trust_roots())
    assert not ok and "gave no usable timestamp" in message
    with pytest.raises(ValueError, match="trust_roots"):
        check_timestamp_service(running.url)
