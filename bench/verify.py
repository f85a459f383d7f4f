"""Figure: QA verification of a folder of signed station documents, against plain pyHanko in the same run.

    uv run python bench/verify.py [--files 1000] [--jobs 2] [--real-sets 25] [--big-mb 500]

The corpus (cached in ``$STATION_BENCH_DIR``, default ``/tmp/station-bench-verify``; delete it to
start over) holds ``--files`` signed documents, two signatures and a signature time-stamp each (PAdES
B-T), on a DEMO PKI of its own: ``--real-sets`` sets of four made by the station's own signing
(``station.signing.sign.sign_set`` on the sample document set; slow to make on a loaded machine), the
rest station-like (``tests/signing/attacks/documents.py``: pyHanko with the same PKI and timestamp
service, the bank certifying then the borrower, one borrower certificate per four documents). Then
every attack generator of ``tests/signing/attacks`` applied to both kinds, and the bad-input files.

Measured:

- **station**: ``verify_many`` (``station verify``'s engine) with ``--jobs`` worker processes, the
  DEMO root and its CRLs as trust: files per second, and the resident memory of the parent and its
  workers after 100, 500 and all files (it must stay flat as the folder grows);
- **station, one process**: the same verifier in this process, to separate parallelism from the rest;
- **baseline**: plain pyHanko in one process on the same files with the same trust and CRLs
  (``hard-fail`` revocation; pyHanko's own hex-string reader): per file a reader and a validation
  context, ``async_validate_pdf_signature`` per signature, its bottom line;
- verdicts: VALID on every untouched output, never VALID on an attacked, tampered or bad file, and how
  many of those pyHanko's bottom line alone accepts;
- a ``--big-mb`` file (a signed document padded with an unused stream): time and peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the attack generators live with the tests

from pyhanko.pdf_utils import generic  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign.validation import async_validate_pdf_signature  # noqa: E402
from signing.attacks import ON_SIGNED, all_attacks, bad_input  # noqa: E402
from signing.attacks.documents import StationLike  # noqa: E402

from station.config import load_settings  # noqa: E402
from station.pki.demo import DemoPki, ensure_demo_pki  # noqa: E402
from station.pki.trust_store import TrustStore, load_trust  # noqa: E402
from station.validation import pdf_speedups  # noqa: E402
from station.validation.batch import verify_many  # noqa: E402
from station.validation.results import Verdict  # noqa: E402
from station.validation.verify import verify_pdf  # noqa: E402

TARGET_RATE = 20.0
CHECKPOINTS = (100, 500, 1000)


def work_dir() -> Path:
    return Path(os.environ.get("STATION_BENCH_DIR", "/tmp/station-bench-verify"))


def _settings(work: Path):  # noqa: ANN202 - station.config.Settings
    os.environ["STATION_CONFIG"] = str(work / "settings.toml")  # never the user's own settings
    return load_settings(data_dir=work / "data")


# --- the corpus -------------------------------------------------------------------------------------

def _sign_range(args: tuple[Path, list[int]]) -> int:
    """Sign the sample set once per number with the station's own signing; write the PDFs; return how many."""
    from station.bootstrap import signing_kit
    from station.documents.render import render_documents
    from station.operations.sample import sample_capture, sample_identity, sample_input
    from station.signing.sign import sign_set

    work, numbers = args
    settings = _settings(work)
    kit = signing_kit(settings)
    identity, capture = sample_identity(), sample_capture()
    written = 0
    try:
        for number in numbers:
            data = replace(sample_input(settings.bank.name, datetime.now(UTC)), reference=f"BENCH-{number:04d}")
            outcome = sign_set(render_documents(data).document_set().documents, capture, identity, kit)
            for record in outcome.signed.documents:
                target = work / "docs" / f"{number:04d}-{record.filename}"
                part = target.with_suffix(".part")
                part.write_bytes(record.content or b"")
                part.replace(target)
                written += 1
    finally:
        kit.bank.close()
    return written


def corpus(work: Path, files: int, real_sets: int, jobs: int) -> list[Path]:
    """``files`` signed documents, made once and cached: ``real_sets`` sets of four by the station's own
    signing, the rest station-like (:mod:`signing.attacks.documents`: pyHanko with the same PKI, bank
    certifying then borrower, a timestamp each; one borrower certificate per four documents)."""
    docs = work / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    settings = _settings(work)
    ensure_demo_pki(settings.pki_dir, settings.bank.name)
    real = sorted(docs.glob("[0-9]*.pdf"))
    sets_have = len({p.name[:4] for p in real})
    todo = list(range(sets_have, min(real_sets, -(-files // 4))))
    like_needed = max(0, files - 4 * max(sets_have, len(todo) + sets_have))
    like_have = len(list(docs.glob("like-*.pdf")))
    like_todo = list(range(like_have, like_needed))
    if todo or like_todo:
        started = time.perf_counter()
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_sign_range, [(work, todo[i::jobs]) for i in range(jobs) if todo[i::jobs]]))
            list(pool.map(_station_like_range, [(work, like_todo[i::jobs]) for i in range(jobs) if like_todo[i::jobs]]))
        print(f"made {len(todo)} document sets and {len(like_todo)} station-like documents in "
              f"{time.perf_counter() - started:.0f} s")
    real = sorted(docs.glob("[0-9]*.pdf"))[:files]
    return real + sorted(docs.glob("like-*.pdf"))[: files - len(real)]


def _station_like_range(args: tuple[Path, list[int]]) -> int:
    work, numbers = args
    settings = _settings(work)
    station = StationLike(DemoPki.at(settings.pki_dir))
    titles = ("开户申请书（DEMO）", "个人借款合同（DEMO）", "征信查询授权书（DEMO）", "个人信息处理同意书（DEMO）")
    borrower = None
    for number in numbers:
        if borrower is None or number % 4 == 0:
            borrower = station.borrower(f"借款人{number // 4:04d}")
        target = work / "docs" / f"like-{number:04d}.pdf"
        part = target.with_suffix(".part")
        part.write_bytes(station.signed(borrower, title=titles[number % 4]))
        part.replace(target)
    return len(numbers)


def bad_corpus(work: Path, pki: DemoPki, originals: list[Path]) -> list[Path]:
    """Every attack generator on a station-like output and on real outputs, and the bad-input files."""
    folder = work / "bad"
    if folder.is_dir() and any(folder.iterdir()):
        return sorted(folder.glob("*.pdf"))
    folder.mkdir(parents=True, exist_ok=True)
    station = StationLike(pki)
    original = station.signed()
    for name, data in all_attacks(station, original):
        (folder / f"station-like-{name}.pdf").write_bytes(data)
    for path in [p for p in originals if not p.name.startswith("like-")][:8]:  # the station's own, two sets
        real = path.read_bytes()
        for name, attack in ON_SIGNED.items():
            try:
                (folder / f"real-{path.stem}-{name}.pdf").write_bytes(attack(real))
            except Exception as exc:  # noqa: BLE001 - a generator not fitting a layout is reported, not fatal
                print(f"  (generator {name} does not apply to {path.name}: {exc})")
    for name, data in {"not-a-pdf": b"\x89PNG\r\n\x1a\n" + bytes(64), "encrypted": bad_input.encrypted_pdf(),
                       "unsigned": bad_input.unsigned_pdf(), "crafted": bad_input.crafted_signature(original),
                       "200-signatures": bad_input.many_signatures(original, 200), "empty": b""}.items():
        (folder / f"bad-{name}.pdf").write_bytes(data)
    return sorted(folder.glob("*.pdf"))


# --- measuring ---------------------------------------------------------------------------------------

def _rss_mb() -> tuple[float, float]:
    """(parent, parent + all its child processes) resident memory in MiB, from Linux /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, ...
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
    family, grew = {os.getpid()}, True
    while grew:
        found = {pid for pid, ppid in parents.items() if ppid in family} - family
        family |= found
        grew = bool(found)
    parent = _vm_rss(os.getpid())
    return parent / 2**20, (parent + sum(_vm_rss(pid) for pid in family - {os.getpid()})) / 2**20


def _vm_rss(pid: int) -> int:
    """A process's resident memory in bytes (0 when it has ended)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def station_run(files: list[Path], trust: TrustStore, jobs: int
                ) -> tuple[float, float, dict[int, tuple[float, float]], dict[str, int]]:
    """(files per second, CPU seconds per file of the parent and its workers, RSS at checkpoints, verdicts)."""
    started, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    memory: dict[int, tuple[float, float]] = {}
    verdicts: dict[str, int] = {}
    for count, report in enumerate(verify_many(files, trust, jobs=jobs), start=1):
        verdicts[report.verdict.value] = verdicts.get(report.verdict.value, 0) + 1
        if count in CHECKPOINTS or count == len(files):
            memory[count] = _rss_mb()
    wall = time.perf_counter() - started  # the pool is shut down and its workers reaped by now
    used = time.process_time() - cpu + _children_cpu() - children
    return len(files) / wall, used / len(files), memory, verdicts


def baseline_run(files: list[Path], pki: DemoPki) -> tuple[float, float, int]:
    """Plain pyHanko, one process, its own reader: (files/s, CPU s per file, files all of whose signatures pass)."""
    roots, others, crls = pki.trust_roots(), pki.intermediates(), pki.crls()

    async def one(path: Path) -> bool:
        from pyhanko_certvalidator import ValidationContext

        with path.open("rb") as handle:
            reader = PdfFileReader(io.BytesIO(handle.read()))
            context = ValidationContext(trust_roots=roots, other_certs=others, crls=crls, revocation_mode="hard-fail")
            return all([(await async_validate_pdf_signature(s, context)).bottom_line
                        for s in reader.embedded_signatures])

    fast = generic.read_hex_string_from_stream
    generic.read_hex_string_from_stream = pdf_speedups._ORIGINAL
    try:
        started, cpu = time.perf_counter(), time.process_time()
        passed = sum(asyncio.run(one(path)) for path in files)
        return len(files) / (time.perf_counter() - started), (time.process_time() - cpu) / len(files), passed
    finally:
        generic.read_hex_string_from_stream = fast


def big_file(work: Path, pki: DemoPki, trust_args: list[str], size_mb: int) -> tuple[float, str, float, float]:
    """(seconds, verdict, peak RSS MiB of that verification, peak RSS MiB verifying a small file) in subprocesses."""
    path = work / f"big-{size_mb}mb.pdf"
    if not path.exists():
        part = path.with_suffix(".part")
        bad_input.large_signed_pdf(StationLike(pki), part, size_mb * 2**20)
        part.replace(path)
    small = next((work / "docs").glob("*.pdf"))
    probe = ("import resource, sys, time\nfrom pathlib import Path\nfrom station.validation.verify import verify_pdf\n"
             "from station.pki.trust_store import load_trust\n"
             "trust = load_trust([Path(sys.argv[2])], [Path(p) for p in sys.argv[3:]])\n"
             "t = time.perf_counter(); r = verify_pdf(Path(sys.argv[1]), trust)\n"
             "print(time.perf_counter() - t, r.verdict.value, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")

    def run(target: Path) -> tuple[float, str, float]:
        done = subprocess.run([sys.executable, "-c", probe, str(target), *trust_args], capture_output=True,
                              text=True, check=True)
        seconds, verdict, rss_kb = done.stdout.split()
        return float(seconds), verdict, int(rss_kb) / 1024

    seconds, verdict, rss = run(path)
    return seconds, verdict, rss, run(small)[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--real-sets", type=int, default=25,
                        help="document sets signed by station.signing.sign (slow to make; the rest are station-like)")
    parser.add_argument("--baseline-files", type=int, default=0, help="files for the baseline (default: all)")
    parser.add_argument("--big-mb", type=int, default=500, help="size of the large file (0: skip)")
    args = parser.parse_args()
    work = work_dir()
    work.mkdir(parents=True, exist_ok=True)
    print(f"work folder {work}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    files = corpus(work, args.files, args.real_sets, args.jobs)
    settings = _settings(work)
    pki = ensure_demo_pki(settings.pki_dir, settings.bank.name)
    crl_files = [pki.root_crl_file, pki.issuing_crl_file, pki.borrower_crl_file]
    trust = load_trust(["demo"], demo_root=pki.root_cert_file, demo_crls=crl_files)
    bad = bad_corpus(work, pki, files)
    size_mb = sum(p.stat().st_size for p in files) / 2**20
    real = sum(1 for p in files if not p.name.startswith("like-"))
    print(f"{len(files)} signed documents ({real} by the station's signing, {len(files) - real} station-like; "
          f"{size_mb:.0f} MiB), {len(bad)} attacked/tampered/bad files")

    rate, cpu, memory, verdicts = station_run(files, trust, args.jobs)
    sample = files[:: max(1, len(files) // 200)]  # 200 files spread over both kinds
    started, one_cpu = time.perf_counter(), time.process_time()
    for path in sample:
        verify_pdf(path, trust)
    one_rate = len(sample) / (time.perf_counter() - started)
    one_cpu = (time.process_time() - one_cpu) / len(sample)
    base_files = files[: args.baseline_files or len(files)]
    base_rate, base_cpu, base_passed = baseline_run(base_files, pki)

    bad_reports = [verify_pdf(p, trust) for p in bad]
    bad_valid = [r.name for r in bad_reports if r.verdict is Verdict.VALID]
    fooled = [Path(r.name).name for r in bad_reports if r.pyhanko_accepts]
    load = os.getloadavg()[0]
    cores = min(args.jobs, os.cpu_count() or 1)

    print()
    print("| what | files | files/s (wall, under load) | CPU ms per file | files/s per CPU core | projected files/s, "
          f"{cores} idle cores |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    rows = [(f"station verify, {args.jobs} worker processes", len(files), rate, cpu, cores),
            ("station verify, one process", len(sample), one_rate, one_cpu, 1),
            ("baseline: plain pyHanko, one process", len(base_files), base_rate, base_cpu, 1)]
    for label, count, wall_rate, cpu_s, used_cores in rows:
        print(f"| {label} | {count} | {wall_rate:.1f} | {cpu_s * 1000:.0f} | {1 / cpu_s:.1f} | "
              f"{used_cores / cpu_s:.1f} |")
    print(f"\nratio station ({args.jobs} workers) / baseline: {rate / base_rate:.2f}x wall, "
          f"{cores / cpu * base_cpu:.2f}x projected; CPU per file station / baseline: {cpu / base_cpu:.2f}")
    print()
    print("| files verified | parent RSS MiB | parent + workers RSS MiB |")
    print("| ---: | ---: | ---: |")
    for count, (parent, total) in sorted(memory.items()):
        print(f"| {count} | {parent:.0f} | {total:.0f} |")
    print()
    untouched_bad = len(files) - verdicts.get("VALID", 0)
    print(f"untouched outputs not VALID: {untouched_bad} of {len(files)} (verdicts {verdicts}); "
          f"baseline accepted {base_passed} of {len(base_files)}")
    print(f"attacked/tampered/bad files VALID: {len(bad_valid)} of {len(bad)} {bad_valid or ''}")
    print(f"of those, pyHanko's bottom line alone accepts {len(fooled)}: {', '.join(sorted(fooled))}")
    if args.big_mb:
        seconds, verdict, rss, small_rss = big_file(work, pki, [str(pki.root_cert_file), *map(str, crl_files)],
                                                    args.big_mb)
        print(f"{args.big_mb} MiB signed file: {verdict} in {seconds:.1f} s, peak RSS {rss:.0f} MiB "
              f"(a {files[0].stat().st_size // 1024} KiB file: {small_rss:.0f} MiB)")
    print(f"load average at the end {load:.1f}; target {TARGET_RATE:.0f} files/s: wall {rate:.1f} "
          f"({'met' if rate >= TARGET_RATE else 'NOT met'} under this load), projected {cores / cpu:.1f} on {cores} "
          "idle cores")
    if untouched_bad or bad_valid:
        sys.exit(1)


if __name__ == "__main__":
    main()
