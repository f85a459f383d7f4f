"""Personal data at rest: nothing readable in the raw file, the blind index, sealed values bound to their
place, and the master key behind each officer's PIN."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date

import factories as f
import pytest
from conftest import ADMIN_ID, ADMIN_PIN
from sqlalchemy import text

from station.config import Settings
from station.core.models import AccountOpened, FaceDecision, Sex
from station.core.session import OfficerSession
from station.core.visit import Step, Visit
from station.store.cases import Store
from station.store.crypto import DecryptionError, KeySlot, unwrap_master_key
from station.store.officers import SignedIn, SignInError

OTHER_NAME, OTHER_ADDRESS = "李小芳", "河北省保定市莲池区东风路17号"
OVERRIDE_REASON = "王小喆本人到场，柜员当面核对与证件照片一致"


@dataclass
class Finished:
    case_id: str
    again_id: str  # a second case for the same person
    other_id: str  # a case for another person
    account: AccountOpened
    other_number: str


@pytest.fixture
def finished(store: Store, session: OfficerSession) -> Finished:
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.FACE)
    assert visit.submit_face(f.face_match(FaceDecision.NO_MATCH), {"face.match": OVERRIDE_REASON}).accepted
    f.drive(visit)
    assert visit.is_done
    account = visit.output(Step.ACCOUNT)
    assert isinstance(account, AccountOpened)

    again = Visit.start(store, session)
    f.drive(again, until=Step.FACE)
    other = Visit.start(store, session)
    other_number = f.id_number("130606", date(1992, 2, 29), 246)
    assert other.submit_id_card(f.card_read(OTHER_NAME, date(1992, 2, 29), Sex.FEMALE, "130606", OTHER_ADDRESS,
                                            date(2018, 8, 1), date(2038, 8, 1), number=other_number)).accepted
    return Finished(visit.case_id, again.case_id, other.case_id, account, other_number)


def raw_bytes(settings: Settings) -> bytes:
    """The database file and whatever SQLite keeps beside it (WAL, shared memory)."""
    return b"".join(p.read_bytes() for p in sorted(settings.data_dir.glob("station.db*")))


def encodings(text_: str) -> list[bytes]:
    """The ways a string can sit in the file: plain encodings, and \\u escapes inside a JSON column."""
    return [*(text_.encode(e) for e in ("utf-8", "gb18030", "utf-16-le", "utf-16-be")),
            json.dumps(text_)[1:-1].encode("ascii")]


def secrets_of(finished: Finished) -> dict[str, list[bytes]]:
    card = f.card_read()
    strings = {
        "id number": card.front.id_number, "name": card.front.name, "address": card.front.address,
        "address part": "幸福路88号", "phone": f.account_request().phone,
        "account number": finished.account.account_number, "card number": finished.account.card_number,
        "other id number": finished.other_number, "other name": OTHER_NAME, "other address": OTHER_ADDRESS,
        "override reason": OVERRIDE_REASON,
        # the check results name these in their reasons and figures: sealed with the step
        "birth date": card.front.birth_date.isoformat(), "region": "朝阳区",
    }
    needles = {k: encodings(v) for k, v in strings.items()}
    needles["images"] = [b"FAKE-FRONT-JPEG", b"FAKE-BACK-JPEG", b"PNG-FAKE-PORTRAIT", b"FAKE-LIVE-FRAME",
                         b"PNG-FAKE-SIGNATURE"]
    needles["pdf"] = [b"%PDF-1.7", b"fake account_application", b"signed loan_contract"]
    return needles


def test_no_personal_data_in_the_raw_files(store: Store, settings: Settings, finished: Finished) -> None:
    needles = secrets_of(finished)
    for moment in ("open, with the WAL", "closed, checkpointed"):
        raw = raw_bytes(settings)
        assert "惠农卡".encode() in raw and b"visit.done" in raw  # the scan does see what is in clear
        found = {what: n for what, ns in needles.items() for n in ns if n in raw}
        assert not found, f"{moment}: plaintext on disk: {found}"
        store.close()
        assert not settings.database_file.with_name("station.db-wal").exists() or moment.startswith("open")


def test_blind_index_finds_the_customer_again(store: Store, session: OfficerSession, admin: SignedIn,
                                              finished: Finished) -> None:
    number = f.card_read().front.id_number
    with store.engine.connect() as conn:
        customers = conn.execute(text("SELECT id, id_index, id_number_enc FROM customers")).fetchall()
        by_case = dict(conn.execute(text("SELECT id, customer_id FROM cases")).fetchall())
        hit = conn.execute(text("SELECT id, id_number_enc FROM customers WHERE id_index = :i"),
                           {"i": admin.cipher.blind_index(number)}).one()
    assert len(customers) == 2  # two people, three cases
    assert by_case[finished.case_id] == by_case[finished.again_id] == hit[0] != by_case[finished.other_id]
    assert admin.cipher.open_text(hit[1], f"customers.id_number:{hit[0]}") == number
    assert all(number not in idx and len(idx) == 64 for _, idx, _ in customers)

    # the same number as an OCR may give it (lower-case x, spaces, full-width) is the same person
    x_number = f.x_id_number()
    first = Visit.start(store, session)
    assert first.submit_id_card(f.card_read(number=x_number)).accepted
    for variant in (x_number[:-1] + "x", f"{x_number[:6]} {x_number[6:14]} {x_number[14:-1]}x",
                    x_number[:-1] + "Ｘ"):
        visit = Visit.start(store, session)
        assert visit.submit_id_card(f.card_read(number=variant)).accepted, variant
        assert _customer_of(store, visit.case_id) == _customer_of(store, first.case_id), variant
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM customers")).scalar() == 3


def _customer_of(store: Store, case_id: str) -> str:
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT customer_id FROM cases WHERE id = :c"), {"c": case_id}).scalar_one()


def _tamper(settings: Settings, query: str) -> None:
    conn = sqlite3.connect(settings.database_file)
    try:
        conn.execute(query)
        conn.commit()
    finally:
        conn.close()


def test_a_sealed_value_moved_to_another_row_does_not_open(store: Store, settings: Settings, admin: SignedIn,
                                                           finished: Finished) -> None:
    mine, other = _customer_of(store, finished.case_id), _customer_of(store, finished.other_id)
    assert [c.customer for c in store.list_cases(admin)]  # opens every name
    _tamper(settings, f"UPDATE customers SET name_enc = (SELECT name_enc FROM customers WHERE id = '{other}') "
                      f"WHERE id = '{mine}'")
    with pytest.raises(DecryptionError, match="does not open"):
        store.list_cases(admin)


def test_a_sealed_value_moved_to_another_column_does_not_open(store: Store, settings: Settings,
                                                              admin: SignedIn, finished: Finished) -> None:
    assert store.step_output(admin, finished.case_id, "id_card") == f.card_read()
    _tamper(settings, "UPDATE id_card_reads SET front_image_enc = back_image_enc "
                      f"WHERE case_id = '{finished.case_id}'")
    with pytest.raises(DecryptionError):
        store.step_output(admin, finished.case_id, "id_card")
    _tamper(settings, "UPDATE accounts SET phone_enc = address_enc")
    with pytest.raises(DecryptionError):
        store.step_output(admin, finished.case_id, "account")


def test_a_changed_byte_does_not_open(store: Store, settings: Settings, admin: SignedIn,
                                      finished: Finished) -> None:
    assert store.step_output(admin, finished.case_id, "signature") == f.signed_set()
    conn = sqlite3.connect(settings.database_file)
    try:
        row_id, sealed = conn.execute("SELECT id, strokes_enc FROM signatures").fetchone()
        flipped = sealed[:20] + bytes([sealed[20] ^ 1]) + sealed[21:]
        conn.execute("UPDATE signatures SET strokes_enc = ? WHERE id = ?", (flipped, row_id))
        conn.commit()
    finally:
        conn.close()
    with pytest.raises(DecryptionError):
        store.step_output(admin, finished.case_id, "signature")


def test_a_wrong_pin_cannot_unwrap_the_master_key(store: Store, admin: SignedIn, finished: Finished) -> None:
    with store.engine.connect() as conn:
        salt, kdf, wrapped = conn.execute(
            text("SELECT slot_salt, slot_kdf, slot_wrapped FROM officers WHERE id = :i"), {"i": ADMIN_ID}).one()
    slot = KeySlot(salt, kdf, wrapped)
    with pytest.raises(DecryptionError):
        unwrap_master_key(slot, ADMIN_ID, "975310")
    with pytest.raises(DecryptionError):
        unwrap_master_key(slot, "clerk02", ADMIN_PIN)  # a slot is bound to its officer
    master_key = unwrap_master_key(slot, ADMIN_ID, ADMIN_PIN)
    assert master_key == admin._master_key and len(master_key) == 32
    assert master_key not in (salt + wrapped)


def test_other_officers_read_with_their_own_pin(store: Store, admin: SignedIn, finished: Finished) -> None:
    store.officers.add(admin, "clerk02", "柜员乙", "802468")
    clerk = store.officers.sign_in("clerk02", "802468")
    expected = {step: store.step_output(admin, finished.case_id, step)
                for step in ("id_card", "face", "account", "loan", "documents", "signature")}
    assert {step: store.step_output(clerk, finished.case_id, step) for step in expected} == expected
    assert store.overrides_of(clerk, finished.case_id, "face") == {"face.match": OVERRIDE_REASON}
    assert [c.customer for c in store.list_cases(clerk)] == [c.customer for c in store.list_cases(admin)]

    store.officers.change_pin("clerk02", "802468", "357913")
    with pytest.raises(SignInError):
        store.officers.sign_in("clerk02", "802468")
    clerk = store.officers.sign_in("clerk02", "357913")
    assert store.step_output(clerk, finished.case_id, "account") == expected["account"]
    # the admin's slot is untouched by the clerk's new PIN
    assert store.step_output(store.officers.sign_in(ADMIN_ID, ADMIN_PIN), finished.case_id, "id_card") == \
        expected["id_card"]
