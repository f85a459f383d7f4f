"""Bad input gets a verdict with a reason, memory stays bounded, and a batch goes on past it."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from signing.attacks import bad_input
from signing.attacks import world as shared
from signing.attacks.certificates import odd_borrower
from signing.attacks.world import World
from station.operations.verify import find_pdfs
from station.validation.batch import verify_many
from station.validation.results import Reason, Verdict, VerifyOptions
from station.validation.verify import verify_pdf

world = shared.world  # the session's DEMO PKI, signer and trust (a fixture)

RSS_PROBE = """
import resource, sys
from pathlib import Path
from station.validation.results import VerifyOptions
from station.validation.verify import verify_pdf
from station.pki.trust_store import load_trust
trust = load_trust([Path(sys.argv[1])], [Path(p) for p in sys.argv[3:]])
report = verify_pdf(Path(sys.argv[2]), trust, options=VerifyOptions(in_memory_limit=8 * 1024 * 1024))
print(report.verdict.value, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _verdict(world: World, data: bytes) -> tuple[Verdict, list[str], str]:
    report = verify_pdf(data, world.trust)
    return report.verdict, report.reasons, report.problems[0].message if report.problems else ""


def test_not_a_pdf(world: World) -> None:
    verdict, reasons, message = _verdict(world, b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert (verdict, reasons) == (Verdict.INVALID, [Reason.NOT_PDF.value])
    assert "PNG" in message


def test_encrypted_pdf_is_indeterminate(world: World) -> None:
    verdict, reasons, message = _verdict(world, bad_input.encrypted_pdf())
    assert (verdict, reasons) == (Verdict.INDETERMINATE, [Reason.ENCRYPTED.value])
    assert "password" in message


def test_truncated_files(world: World) -> None:
    for cut in (100, len(world.original) // 2, len(world.original) - 10):
        verdict, reasons, message = _verdict(world, world.original[:cut])
        assert verdict is Verdict.INVALID and message, cut


def test_unsigned_pdf(world: World) -> None:
    assert _verdict(world, bad_input.unsigned_pdf())[:2] == (Verdict.INVALID, [Reason.UNSIGNED.value])


def test_a_signature_that_makes_pyhankos_reader_raise_is_a_failure(world: World) -> None:
    verdict, reasons, message = _verdict(world, bad_input.crafted_signature(world.original))
    assert verdict is Verdict.INVALID and reasons == [Reason.UNREADABLE.value]
    assert "cannot be read" in message


def test_two_hundred_signatures_get_a_verdict_quickly(world: World) -> None:
    pdf = bad_input.many_signatures(world.original, 200)
    started = time.perf_counter()
    report = verify_pdf(pdf, world.trust)

    assert time.perf_counter() - started < 20
    assert report.verdict is Verdict.INDETERMINATE
    assert report.reasons == [Reason.TOO_MANY_SIGNATURES.value]
    assert report.problems[0].message.startswith("200 signatures")
    # with the limit raised every signature is analysed: the copies do not cover the revision they sit in,
    # and the revision adding them comes after the last valid signature
    full = verify_pdf(bad_input.many_signatures(world.original, 60), world.trust, options=VerifyOptions(max_signatures=60))
    assert full.verdict is Verdict.INVALID and len(full.signatures) == 60
    assert sum(not s.valid for s in full.signatures) == 58
    assert Reason.CHANGED.value in full.reasons


def test_certificate_without_key_usage(world: World) -> None:
    now = datetime.now(UTC)
    no_usage = odd_borrower(world.pki, "钱七", not_before=now - timedelta(days=1), not_after=now + timedelta(days=30),
                            key_usage=False)
    report = verify_pdf(world.station.signed(no_usage), world.trust)

    assert report.verdict is Verdict.INVALID
    assert report.reasons == [Reason.KEY_USAGE.value]
    assert "declares no key usage" in report.problems[0].message


def test_large_file_is_streamed_with_flat_memory(world: World, tmp_path: Path) -> None:
    big = bad_input.large_signed_pdf(world.station, tmp_path / "big.pdf", 48 * 1024 * 1024)
    small = tmp_path / "small.pdf"
    small.write_bytes(world.original)
    crls = [str(p) for p in (world.pki.root_crl_file, world.pki.issuing_crl_file, world.pki.borrower_crl_file)]

    def probe(path: Path) -> tuple[str, int]:
        done = subprocess.run([sys.executable, "-c", RSS_PROBE, str(world.pki.root_cert_file), str(path), *crls],
                              capture_output=True, text=True, timeout=120, check=True)
        verdict, rss_kb = done.stdout.split()
        return verdict, int(rss_kb)

    (small_verdict, small_rss), (big_verdict, big_rss) = probe(small), probe(big)
    assert (small_verdict, big_verdict) == ("VALID", "VALID")
    assert big_rss - small_rss < 16 * 1024, f"peak RSS grew by {(big_rss - small_rss) // 1024} MiB for a 48 MiB file"


def test_a_batch_goes_on_past_bad_files(world: World, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    files = {
        "good1.pdf": world.original, "sub/good2.pdf": world.station.signed(),
        "notpdf.pdf": b"hello", "truncated.pdf": world.original[:2000], "encrypted.pdf": bad_input.encrypted_pdf(),
        "crafted.pdf": bad_input.crafted_signature(world.original), "empty.pdf": b"",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "notes.txt").write_text("not looked at")

    found = find_pdfs([folder])
    reports = {Path(r.name).name: r for r in verify_many(found, world.trust, jobs=2)}

    assert len(found) == len(files) == len(reports)
    assert reports["good1.pdf"].verdict is Verdict.VALID and reports["good2.pdf"].verdict is Verdict.VALID
    assert reports["encrypted.pdf"].verdict is Verdict.INDETERMINATE
    for name in ("notpdf.pdf", "truncated.pdf", "crafted.pdf", "empty.pdf"):
        assert reports[name].verdict is Verdict.INVALID and reports[name].problems, name


def test_a_file_that_takes_too_long_is_stopped_and_named(world: World, tmp_path: Path) -> None:
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(bad_input.many_signatures(world.original, 600))  # 15 s or more of work, even on a fast machine
    good = tmp_path / "good.pdf"
    good.write_bytes(world.original)

    reports = {Path(r.name).name: r for r in verify_many([slow, good], world.trust, jobs=2, timeout_s=3,
                                                          options=VerifyOptions(max_signatures=1000))}

    assert reports["good.pdf"].verdict is Verdict.VALID
    assert reports["slow.pdf"].verdict is Verdict.INVALID
    assert [p.message for p in reports["slow.pdf"].problems] == ["verification took more than 3 s and was stopped"]


def test_a_worker_that_dies_costs_no_file_its_verdict(world: World, tmp_path: Path) -> None:
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(bad_input.many_signatures(world.original, 600))  # long enough to be killed at work
    good = tmp_path / "good.pdf"
    good.write_bytes(world.original)
    stop = threading.Event()

    def kill_workers() -> None:  # as a native crash or the OOM killer would, again and again
        while not stop.wait(0.2):
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_workers)
    killer.start()
    try:
        reports = {Path(r.name).name: r for r in verify_many([slow, good], world.trust, jobs=2, timeout_s=60,
                                                              options=VerifyOptions(max_signatures=1000))}
    finally:
        stop.set()
        killer.join()

    assert set(reports) == {"slow.pdf", "good.pdf"}
    assert reports["slow.pdf"].verdict is Verdict.INVALID
    assert "the verifier process died while reading this file" in reports["slow.pdf"].problems[0].message
