"""Reading whole cards: fields exact, checks, the visit's model, bad input and other documents."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from station.cli import app
from station.core.models import IdCardRead, Sex
from station.vision.card import Side
from station.vision.idcard import CardReadError, IdCardReader
from station.vision.ocr import OcrEngine
from vision.cardgen import (
    FACES,
    Person,
    blank_wall,
    encode,
    face_photo,
    invent_person,
    photocopy,
    photograph,
    render_back,
    render_bank_card,
    render_document,
    render_driving_licence,
    render_front,
    rounded_mask,
)
from vision.conftest import TODAY


@pytest.fixture(scope="module")
def reader(rapid_engine: OcrEngine) -> IdCardReader:
    return IdCardReader(rapid_engine)


def truth(p: Person) -> dict[str, str]:
    return {"name": p.name, "sex": p.sex, "ethnicity": p.ethnicity, "birth_date": p.birth_date.isoformat(),
            "address": p.address, "id_number": p.id_number, "issuer": p.issuer,
            "valid_from": p.valid_from.isoformat(), "valid_to": p.valid_to_text}


def failed_names(reading) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.name for c in reading.checks if not c.passed]


def photo_bytes(card: np.ndarray, degradation: str, seed: int) -> bytes:
    return encode(photograph(card, degradation, np.random.default_rng(seed)).image)


@pytest.fixture(scope="module")
def both_sides(reader: IdCardReader, front_card: np.ndarray, back_card: np.ndarray):  # type: ignore[no-untyped-def]
    """A rotated photo of the front and an upside-down one of the back, given back first."""
    return reader.read([photo_bytes(back_card, "upside_down", 1), photo_bytes(front_card, "rotation", 2)], today=TODAY)


def test_both_sides_read_exactly_and_every_check_passes(both_sides, holder: Person) -> None:  # type: ignore[no-untyped-def]
    assert {k: f.value for k, f in both_sides.fields.items()} == truth(holder)
    assert holder.id_number.endswith("X") and "燚" in holder.name
    assert len(holder.address) > 22  # printed on three lines
    assert both_sides.passed, [c.reason for c in both_sides.checks if not c.passed]
    assert both_sides.front.side is Side.FRONT and both_sides.back.side is Side.BACK
    assert both_sides.back.rotation == 180
    assert {"id_number.check_digit", "card.birth_date_matches", "card.sex_matches", "card.validity_period",
            "card.not_expired", "holder.adult", "id_number.region"} <= {c.name for c in both_sides.checks}
    assert all(0.85 <= f.confidence <= 1 for f in both_sides.fields.values())
    assert {"ocr", "locate", "decode", "parse", "portrait", "total"} <= set(both_sides.timings)


def test_reading_becomes_the_visits_id_card_step(both_sides, holder: Person) -> None:  # type: ignore[no-untyped-def]
    model = both_sides.to_model()
    assert isinstance(model, IdCardRead)
    assert model.front.sex is Sex(holder.sex) and model.front.birth_date == holder.birth_date
    assert model.back.valid_to == holder.valid_to
    assert model.engine == "rapidocr-ppocrv6-small" and set(model.confidence) == set(truth(holder))
    assert IdCardRead.from_dict(json.loads(json.dumps(model.to_dict()))) == model
    card = cv2.imdecode(np.frombuffer(model.front_image, np.uint8), cv2.IMREAD_COLOR)
    assert card.shape == (540, 856, 3) and model.front_image[:2] == b"\xff\xd8"
    portrait = cv2.imdecode(np.frombuffer(model.portrait, np.uint8), cv2.IMREAD_COLOR)
    assert model.portrait[:4] == b"\x89PNG"
    h, w = portrait.shape[:2]
    assert 230 <= w <= 320 and abs(w / h - 358 / 441) < 0.03
    face = cv2.imread(str(holder.face), cv2.IMREAD_GRAYSCALE)
    grey = cv2.resize(cv2.cvtColor(portrait, cv2.COLOR_BGR2GRAY), (face.shape[1], face.shape[0]))
    assert np.corrcoef(grey.ravel(), face.ravel())[0, 1] > 0.7  # the holder's photo, not the card's print


def test_front_alone_is_checked_against_its_number(reader: IdCardReader, front_card: np.ndarray) -> None:
    reading = reader.read([photo_bytes(front_card, "perspective", 3)], today=TODAY)
    names = [c.name for c in reading.checks]
    assert "id_number.check_digit" in names and "card.sex_matches" in names and "holder.adult" in names
    assert failed_names(reading) == ["ocr.back"]
    with pytest.raises(CardReadError, match="back of the card"):
        reading.to_model()


def test_a_wrong_number_is_never_passed(reader: IdCardReader, holder: Person) -> None:
    """A number whose one digit differs (misread or misprinted) fails its check digit and the birth date."""
    digit = holder.id_number[9]
    wrong = holder.id_number[:9] + str((int(digit) + 1) % 10) + holder.id_number[10:]
    card = render_front(replace(holder, id_number=wrong), np.random.default_rng(4))
    reading = reader.read([photo_bytes(card, "clean", 4)], today=TODAY)
    assert reading.fields["id_number"].value == wrong
    assert {"id_number.check_digit", "card.birth_date_matches"} <= set(failed_names(reading))
    assert not reading.passed


def test_an_expired_card_fails(reader: IdCardReader) -> None:
    rng = np.random.default_rng(5)
    young = next(p for p in (invent_person(rng, TODAY) for _ in range(50)) if p.valid_to is not None)
    photos = [photo_bytes(render_front(young), "clean", 5), photo_bytes(render_back(young), "clean", 6)]
    later = reader.read(photos, today=date(young.valid_to.year + 1, 1, 1))
    assert failed_names(later) == ["card.not_expired"]


def _png(image: np.ndarray, alpha: np.ndarray | None = None) -> bytes:
    if alpha is not None:
        image = np.dstack([image, alpha])
    ok, buf = cv2.imencode(".png", image)
    assert ok
    return buf.tobytes()


@pytest.mark.parametrize(("data", "says"), [
    (b"", "empty"),
    (b"GIF89a this is not really an image", "not an image"),
    ("truncated", "damaged or incomplete"),
    (b"%PDF-1.7\n1 0 obj\n", "not an image"),
])
def test_broken_files_give_a_reason_and_no_fields(reader: IdCardReader, front_card: np.ndarray, data: bytes | str,
                                                  says: str) -> None:
    if data == "truncated":
        data = photo_bytes(front_card, "clean", 7)[:20_000]
    reading = reader.read([data])  # type: ignore[list-item]
    assert reading.fields == {}
    rejection = reading.checks[0]
    assert rejection.name == "capture.image" and says in rejection.reason and not rejection.passed


def test_a_broken_second_file_leaves_the_first_side_read(reader: IdCardReader, front_card: np.ndarray,
                                                        holder: Person) -> None:
    """The second image is decoded on a worker while the first is read: its failure comes back the same."""
    reading = reader.read([photo_bytes(front_card, "clean", 7), b"GIF89a not an image"], today=TODAY)
    assert reading.front is not None and reading.front.ok
    assert reading.fields["id_number"].value == holder.id_number
    assert reading.back is not None and reading.back.rejection is not None
    assert reading.back.rejection.name == "capture.image"
    assert "Image 2: " in next(c.reason for c in reading.checks if c.name == "capture.image")


def test_a_40_megapixel_photo_is_read(reader: IdCardReader, front_card: np.ndarray, holder: Person) -> None:
    photo = photograph(front_card, "clean", np.random.default_rng(8)).image
    huge = cv2.resize(photo, (7300, 5475), interpolation=cv2.INTER_LINEAR)
    reading = reader.read([encode(huge, quality=80)], today=TODAY)
    assert reading.fields["id_number"].value == holder.id_number


def test_a_greyscale_scan_is_read_but_flagged(reader: IdCardReader, front_card: np.ndarray, holder: Person) -> None:
    grey = cv2.cvtColor(cv2.resize(front_card, (1000, 631), interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2GRAY)
    reading = reader.read([_png(grey)], today=TODAY)
    assert reading.fields["name"].value == holder.name
    colour = next(c for c in reading.checks if c.name == "capture.colour")
    assert not colour.passed and "greyscale" in colour.reason and colour.severity.value == "overridable"


def test_a_png_with_alpha_is_laid_on_white(reader: IdCardReader, back_card: np.ndarray, holder: Person) -> None:
    scan = cv2.resize(back_card, (1000, 631), interpolation=cv2.INTER_AREA)
    alpha = rounded_mask(631, 1000, 35)
    scan[alpha == 0] = 0  # black under the transparent corners
    reading = reader.read([_png(scan, alpha)], today=TODAY)
    assert reading.fields["issuer"].value == holder.issuer


def test_a_photocopy_is_read_but_flagged(reader: IdCardReader, front_card: np.ndarray, holder: Person) -> None:
    reading = reader.read([photo_bytes(photocopy(front_card), "clean", 9)], today=TODAY)
    assert reading.fields["id_number"].value == holder.id_number
    assert "capture.colour" in failed_names(reading)


def test_other_cards_are_named(reader: IdCardReader, holder: Person) -> None:
    rng = np.random.default_rng(10)
    bank = reader.read([photo_bytes(render_bank_card(rng), "clean", 11)])
    assert bank.fields == {} and "a bank card" in bank.checks[0].reason
    licence = reader.read([photo_bytes(render_driving_licence(holder, rng), "clean", 12)])
    assert licence.fields == {} and "driving licence" in licence.checks[0].reason


def test_pictures_without_a_card_are_rejected(reader: IdCardReader) -> None:
    rng = np.random.default_rng(13)
    for image in (blank_wall(rng), render_document(rng), face_photo(sorted(FACES.glob("s2/*.png"))[0])):
        reading = reader.read([encode(image)])
        assert reading.fields == {}
        assert reading.checks[0].name in ("capture.card_found", "capture.id_card"), reading.checks[0]


def test_two_fronts_are_refused(reader: IdCardReader, front_card: np.ndarray) -> None:
    reading = reader.read([photo_bytes(front_card, "clean", 14), photo_bytes(front_card, "clean", 15)], today=TODAY)
    assert "card.sides" in failed_names(reading) and "ocr.back" in failed_names(reading)


def test_cli_reads_a_card_as_json(tmp_path: Path) -> None:
    holder = invent_person(np.random.default_rng(16), date.today())
    files = []
    for side, card in (("front", render_front(holder)), ("back", render_back(holder))):
        path = tmp_path / f"{side}.jpg"
        Image.open(io.BytesIO(photo_bytes(card, "clean", 17))).save(path)
        files.append(str(path))
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "idcard", "read", *files, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert list(out["fields"]) == ["name", "sex", "ethnicity", "birth_date", "address", "id_number", "issuer",
                                   "valid_from", "valid_to"]
    assert {k: v["value"] for k, v in out["fields"].items()} == truth(holder)
    assert all(0 <= v["confidence"] <= 1 for v in out["fields"].values())
    assert out["engine"] == "rapidocr-ppocrv6-small" and out["timings"]["ocr"] > 0
    assert all(c["status"] != "fail" for c in out["checks"])


def test_cli_says_what_is_wrong(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "idcard", "read",
                                      str(tmp_path / "missing.jpg")])
    assert result.exit_code == 2 and "There is no file" in result.output
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "idcard", "read", str(empty)])
    assert result.exit_code == 1 and "empty" in result.output
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "idcard", "read", str(empty), "--json"])
    out = json.loads(result.stdout)
    assert len(out["fields"]) == 9 and all(f["value"] == "" and f["confidence"] == 0 for f in out["fields"].values())
    assert out["checks"][0]["name"] == "capture.image" and out["checks"][0]["status"] == "fail"
