"""Verify many files: worker processes, a verdict per file whatever happens, memory that stays flat.

Files go to ``jobs`` worker processes a few at a time (never the whole list at once); each result
comes back as soon as it is ready and is handed to the caller, who writes it out and keeps only what
it needs. A file that hangs a worker past ``timeout_s`` gets an INVALID verdict saying so; a worker
that dies (a crash in a native library, memory) is replaced and the files it held are verified again
one at a time, so the one that kills it is named and the batch goes on.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

from station.pki.trust_store import TrustStore
from station.validation.results import (
    DEFAULT_OPTIONS,
    Expectation,
    FileReport,
    Problem,
    Reason,
    Verdict,
    VerifyOptions,
)
from station.validation.verify import verify_pdf

TIMEOUT_S = 120
IN_FLIGHT_PER_JOB = 4

Expect = Callable[[Path], Expectation | None]


def verify_many(
    paths: Sequence[Path],
    trust: TrustStore,
    *,
    jobs: int = 1,
    expect: Expect | None = None,
    options: VerifyOptions = DEFAULT_OPTIONS,
    timeout_s: int = TIMEOUT_S,
) -> Iterator[FileReport]:
    """Verify ``paths``; yield one report per file, in the order they finish."""
    if jobs <= 1:
        for path in paths:
            yield _verify_one(path, trust, expect(path) if expect else None, options)
        return
    queue = list(reversed(paths))
    while queue:
        pool = ProcessPoolExecutor(jobs, mp_context=get_context("fork"), initializer=_init_worker,
                                   initargs=(trust, options, timeout_s))
        running: dict[Future[FileReport], Path] = {}
        try:
            while queue or running:
                while queue and len(running) < jobs * IN_FLIGHT_PER_JOB:
                    path = queue.pop()
                    running[pool.submit(_work, path, expect(path) if expect else None)] = path
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    report = future.result()  # raises when the pool broke: the file stays in ``running``
                    del running[future]
                    yield report
        except BrokenProcessPool:
            # a worker died: verify what it held one by one in this process's children, to name the culprit
            for path in running.values():
                yield _isolated(path, trust, expect(path) if expect else None, options, timeout_s)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _verify_one(path: Path, trust: TrustStore, expectation: Expectation | None, options: VerifyOptions) -> FileReport:
    return verify_pdf(path, trust, name=str(path), expect=expectation, options=options)


# --- worker side --------------------------------------------------------------------------------

_worker: dict[str, object] = {}


def _init_worker(trust: TrustStore, options: VerifyOptions, timeout_s: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _worker.update(trust=trust, options=options, timeout_s=timeout_s)


class _Overtime(BaseException):
    """Raised by the alarm in a worker; a BaseException so that the verifier's own catch-all lets it through."""


def _timeout(signum: int, frame: object) -> None:
    raise _Overtime


def _work(path: Path, expectation: Expectation | None) -> FileReport:
    timeout_s = int(_worker["timeout_s"])  # type: ignore[call-overload]
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(timeout_s)
    started = time.perf_counter()
    try:
        return _verify_one(path, _worker["trust"], expectation, _worker["options"])  # type: ignore[arg-type]
    except _Overtime:
        return _failure(path, Reason.ERROR, f"verification took more than {timeout_s} s and was stopped",
                        time.perf_counter() - started)
    finally:
        signal.alarm(0)


def _isolated(path: Path, trust: TrustStore, expectation: Expectation | None, options: VerifyOptions,
              timeout_s: int) -> FileReport:
    """Verify one file in a fresh single worker; if that worker dies too, the file is the culprit."""
    with ProcessPoolExecutor(1, mp_context=get_context("fork"), initializer=_init_worker,
                             initargs=(trust, options, timeout_s)) as pool:
        try:
            return pool.submit(_work, path, expectation).result()
        except BrokenProcessPool:
            return _failure(path, Reason.ERROR, "the verifier process died while reading this file "
                            "(a crash or running out of memory)", 0.0)


def _failure(path: Path, reason: Reason, message: str, elapsed: float) -> FileReport:
    size = path.stat().st_size if path.exists() else 0
    return FileReport(name=str(path), size=size, sha256=None, verdict=Verdict.INVALID,
                      problems=(Problem.of(reason, message),), signatures=(), checks=(), revisions=None, pages=None,
                      pdf_version=None, pades_level=None, pyhanko_accepts=None, elapsed_s=elapsed, trust="")


def default_jobs() -> int:
    """One worker per core this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
