"""``station sign``: the sample set, a set from JSON, and upgrading files in place."""

from __future__ import annotations

import json
from pathlib import Path

from signing.sign_support import BANK_NAME, Pdfsig, documents, pkcs12_kit, sign_sample
from typer.testing import CliRunner

from station.cli import app
from station.config import load_settings
from station.core.models import DocumentSet, SignatureCapture
from station.operations.sample import sample_identity, sample_strokes
from station.pki.demo import ensure_demo_pki
from station.signing.levels import PadesLevel, pades_level_of


def test_station_sign_upgrade_rewrites_the_files_in_place(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    pki = ensure_demo_pki(settings.pki_dir, BANK_NAME)
    signed = sign_sample(pkcs12_kit(pki), documents()[:2]).signed.documents
    files = []
    for record in signed:
        files.append(tmp_path / record.filename)
        files[-1].write_bytes(record.content or b"")
    junk = tmp_path / "notes.pdf"
    junk.write_bytes(b"not a pdf")
    runner = CliRunner()
    run = runner.invoke(app, ["--data-dir", str(settings.data_dir), "sign", "upgrade", *map(str, files), "--json"])
    assert run.exit_code == 0, run.output
    assert all(pades_level_of(p.read_bytes()) is PadesLevel.B_LTA for p in files)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == sorted([*(p.name for p in files), junk.name])
    run = runner.invoke(app, ["--data-dir", str(settings.data_dir), "sign", "upgrade", str(junk), str(files[0])])
    assert run.exit_code == 1 and "not a readable PDF" in run.output
    assert junk.read_bytes() == b"not a pdf"


def test_station_sign_documents_sample_signs_the_set(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    run = CliRunner().invoke(app, ["--data-dir", str(data), "sign", "documents", "--sample", "--out", str(out),
                                   "--json"])
    assert run.exit_code == 0, run.output
    pki = ensure_demo_pki(load_settings(data_dir=data).pki_dir, BANK_NAME)
    pdfsig = Pdfsig(tmp_path / "nss", pki.root_cert_file)
    files = sorted(out.iterdir())
    assert [p.name for p in files] == sorted(f"{r.kind.value}.pdf" for r in documents())
    for path in files:
        assert pades_level_of(path.read_bytes()) is PadesLevel.B_T
        verdicts = pdfsig.check(path)
        assert set(verdicts) == {"bank", "borrower"} and all(v.accepted for v in verdicts.values()), path.name


def test_station_sign_documents_signs_a_set_from_json(tmp_path: Path) -> None:
    borrower = sample_identity()
    source = tmp_path / "set.json"
    source.write_text(json.dumps({
        "documents": DocumentSet(documents()[:1]).to_dict(),
        "capture": SignatureCapture(sample_strokes()).to_dict(),  # no PNG: the command draws it
        "borrower": {"name": borrower.name, "id_hash": borrower.id_hash},
    }, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    run = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "sign", "documents", str(source),
                                   "--out", str(out), "--json"])
    assert run.exit_code == 0, run.output
    (signed,) = out.iterdir()
    assert pades_level_of(signed.read_bytes()) is PadesLevel.B_T
    source.write_text('{"documents": []}', encoding="utf-8")
    run = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "sign", "documents", str(source),
                                   "--out", str(out)])
    assert run.exit_code == 2 and "Cannot read" in run.output
