"""``station verify`` and its reports: exit codes, JSON, CSV, HTML and PDF, trust options, manifests."""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from signing.attacks.documents import StationLike
from signing.attacks.isa import without_xref
from typer.testing import CliRunner

from station.cli import app
from station.pki.demo import DemoPki, ensure_demo_pki

runner = CliRunner()


@pytest.fixture(scope="module")
def station_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoPki, Path]:
    """A station data folder with its DEMO PKI, and a folder of two good documents and one attacked one."""
    data = tmp_path_factory.mktemp("verify-cli") / "data"
    assert runner.invoke(app, ["--data-dir", str(data), "init"]).exit_code == 0
    pki = ensure_demo_pki(data / "pki", "unused: the PKI exists")
    station = StationLike(pki)
    folder = data.parent / "docs"
    folder.mkdir()
    good = station.signed()
    (folder / "loan_contract.pdf").write_bytes(good)
    (folder / "consent.pdf").write_bytes(station.signed())
    (folder / "forged.pdf").write_bytes(without_xref(good))
    return data, pki, folder


def verify(data: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--data-dir", str(data), "verify", *args])


def test_one_valid_file_exits_0_and_writes_every_report(station_data: tuple[Path, DemoPki, Path],
                                                        tmp_path: Path) -> None:
    data, _, folder = station_data
    html, pdf, js, table = (tmp_path / f"r.{s}" for s in ("html", "pdf", "json", "csv"))
    result = verify(data, str(folder / "loan_contract.pdf"), "--trust", "demo", "--report", str(html),
                    "--report", str(pdf), "--report", str(js), "--report", str(table))

    assert result.exit_code == 0, result.output
    assert "VALID" in result.output and "[borrower] VALID: 王小明" in result.output
    page = html.read_text(encoding="utf-8")
    assert "data:image/png;base64," in page  # the thumbnail
    assert "Signature 2: borrower" in page and "certificate chain" in page and "DEMO Station Root CA" in page
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "VALID" in text and "王小明" in text and "Signature 1: bank" in text
    report = json.loads(js.read_text(encoding="utf-8"))
    assert report["summary"]["verdicts"] == {"VALID": 1} and report["files"][0]["verdict"] == "VALID"
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert len(rows) == 1 and rows[0]["verdict"] == "VALID"


def test_a_folder_with_a_forged_file_exits_1_with_json_and_csv(station_data: tuple[Path, DemoPki, Path],
                                                               tmp_path: Path) -> None:
    data, _, folder = station_data
    table = tmp_path / "all.csv"
    result = verify(data, str(folder), "--trust", "demo", "--json", "--jobs", "2", "--report", str(table))

    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["summary"]["files"] == 3
    assert document["summary"]["verdicts"] == {"VALID": 2, "INVALID": 1}
    assert document["summary"]["pyhanko_alone_accepts"] == 1  # the forged file fools pyHanko's bottom line
    forged = next(f for f in document["files"] if f["name"].endswith("forged.pdf"))
    assert forged["reasons"] == ["suspicious structure"]
    rows = {Path(r["file"]).name: r for r in csv.DictReader(table.open(encoding="utf-8"))}
    assert set(rows) == {"loan_contract.pdf", "consent.pdf", "forged.pdf"}
    assert rows["forged.pdf"]["verdict"] == "INVALID" and rows["forged.pdf"]["pyhanko_accepts"] == "True"


def test_a_folder_report_in_html_has_the_summary_and_a_row_per_file(station_data: tuple[Path, DemoPki, Path],
                                                                    tmp_path: Path) -> None:
    data, _, docs = station_data
    odd_name = 'tampered <i>"&.pdf'  # a file name is data: escaped, never markup
    folder = tmp_path / "folder"
    folder.mkdir()
    good = (docs / "loan_contract.pdf").read_bytes()
    tampered = bytearray(good)
    tampered[len(tampered) // 3] ^= 0x01
    (folder / "good.pdf").write_bytes(good)
    (folder / odd_name).write_bytes(bytes(tampered))
    target = tmp_path / "folder.html"

    result = verify(data, str(folder), "--trust", "demo", "--jobs", "1", "--report", str(target))

    assert result.exit_code == 1, result.output
    page = target.read_text(encoding="utf-8")
    rows = dict(re.findall(r"<tr><td class='verdict'[^>]*>(\w+)</td><td>([^<]*)</td>", page))
    assert {html.unescape(Path(name).name) for name in rows.values()} == {"good.pdf", odd_name}
    assert Path(html.unescape(rows["VALID"])).name == "good.pdf"
    assert Path(html.unescape(rows["INVALID"])).name == odd_name
    assert "<i>" not in page and "tampered &lt;i&gt;&quot;&amp;.pdf</td>" in page
    assert "<td>tampered<ul>" in page.split("&amp;.pdf</td>", 1)[1].split("</tr>")[0]  # the reason, in its row
    assert "王小明" in page and "DEMO Station Root CA" in page  # the signers, the root they chain to
    assert "<h2>Summary</h2>" in page and "2 file(s)" in page
    assert "Trust: DEMO root" in page
    assert not re.search(r"<(script|link|iframe)|src=|https?://", page)  # self-contained


def test_trust_comes_only_from_what_qa_gives(station_data: tuple[Path, DemoPki, Path], tmp_path: Path) -> None:
    data, pki, folder = station_data
    file = str(folder / "loan_contract.pdf")

    nothing = verify(data, file)
    assert nothing.exit_code == 1 and "UNTRUSTED" in nothing.output and "No trusted roots" in nothing.output
    roots_only = verify(data, file, "--trust", str(pki.root_cert_file))
    assert roots_only.exit_code == 1 and "INDETERMINATE" in roots_only.output  # no CRL: revocation unknown
    with_crls = verify(data, file, "--trust", str(pki.root_cert_file), "--crl", str(pki.root_crl_file),
                       "--crl", str(pki.issuing_crl_file), "--crl", str(pki.borrower_crl_file))
    assert with_crls.exit_code == 0, with_crls.output
    missing = verify(data, file, "--trust", str(tmp_path / "nowhere.pem"))
    assert missing.exit_code == 2 and "does not exist" in missing.output
    not_pem = tmp_path / "junk.pem"
    not_pem.write_text("junk")
    assert verify(data, file, "--trust", str(not_pem)).exit_code == 2


def test_manifest_names_missing_documents_and_the_customer(station_data: tuple[Path, DemoPki, Path],
                                                            tmp_path: Path) -> None:
    data, _, folder = station_data
    manifest = tmp_path / "case.json"
    manifest.write_text(json.dumps({"customer": "王小明", "documents": ["loan_contract.pdf", "account.pdf"]}),
                        encoding="utf-8")
    result = verify(data, str(folder / "loan_contract.pdf"), "--trust", "demo", "--manifest", str(manifest))
    assert result.exit_code == 1
    assert "missing: account.pdf" in result.output

    wrong = verify(data, str(folder / "loan_contract.pdf"), "--trust", "demo", "--customer", "张三")
    assert wrong.exit_code == 1 and "names another person" in wrong.output


def test_bad_usage_exits_2(station_data: tuple[Path, DemoPki, Path], tmp_path: Path) -> None:
    data, _, folder = station_data
    assert verify(data, str(tmp_path / "absent.pdf")).exit_code == 2
    assert verify(data, str(folder), "--report", str(tmp_path / "x.pdf")).exit_code == 2  # PDF: one file only
    assert verify(data, str(folder), "--report", str(tmp_path / "x.txt")).exit_code == 2
    assert verify(data).exit_code == 2


def test_a_case_from_the_store_is_verified_in_memory_and_audited(tmp_path: Path) -> None:
    from datetime import timedelta

    import factories as f
    from conftest import ADMIN_ID, ADMIN_PIN

    from station.config import load_settings
    from station.core.models import DocumentKind, DocumentRecord, SignatureCapture, SignedSet
    from station.core.session import OfficerSession
    from station.core.visit import Visit
    from station.store.cases import Store

    settings = load_settings(data_dir=tmp_path / "data")
    pki = ensure_demo_pki(settings.pki_dir, settings.bank.name)
    station = StationLike(pki)
    borrower = station.borrower("王小喆")  # the factories' invented customer
    documents = [DocumentRecord(kind, f"{kind.value}.pdf", "0" * 64, signed=True, pades_level="B-T",
                                content=station.signed(borrower) if kind is not DocumentKind.LOAN_CONTRACT
                                else station.signed(station.borrower("另一人")))
                 for kind in DocumentKind]
    capture = SignatureCapture([[(1.0, 1.0, 0.5, 0.0), (9.0, 5.0, 0.5, 20.0)]], b"\x89PNG-FAKE")
    with Store.open(settings) as store:
        admin = store.officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
        visit = Visit.start(store, OfficerSession(admin, timedelta(minutes=5)))
        f.drive(visit, inputs={"signature": SignedSet(capture, documents)})
        case_id = visit.case_id

    result = runner.invoke(app, ["--data-dir", str(settings.data_dir), "verify", "--case", case_id, "--trust", "demo",
                                 "--officer", ADMIN_ID, "--json"], env={"STATION_PIN": ADMIN_PIN})

    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout[result.stdout.index("{"):])
    verdicts = {Path(f["name"]).stem: f["verdict"] for f in document["files"]}
    assert verdicts.pop("loan_contract") == "INVALID"  # signed by someone who is not the customer
    assert set(verdicts.values()) == {"VALID"} and document["missing"] == []
    with Store.open(settings) as store:
        actions = [(e.action, e.result) for e in store.audit_events(case_id)]
    assert ("documents.verified", "fail") in actions
