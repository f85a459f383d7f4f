"""The visit workflow on a real store: every step, refusals, overrides, redo, resume and the idle lock.

Every person is invented (tests/factories.py); the store is a real SQLite file under tmp_path.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import factories as f
import pytest
from conftest import ADMIN_ID, ADMIN_PIN, FakeClock
from sqlalchemy import text

from station.config import Settings
from station.core.accounts import is_valid
from station.core.models import AccountOpened, DocumentKind, FaceDecision
from station.core.session import OfficerSession, SessionLockedError
from station.core.states import CaseStatus, StepState
from station.core.visit import ORDER, Step, Visit, VisitError
from station.errors import StoreError
from station.store.cases import Store
from station.store.officers import SignedIn, SignInError

STEPS = [s for s in ORDER if s not in (Step.SIGN_IN, Step.DONE)]
REASON = "王小喆本人到场，已当面核对证件与本人一致"  # an officer's reason; it names the (fake) customer


def events(store: Store, case_id: str) -> list[tuple[str, str]]:
    return [(e.action, e.result) for e in store.audit_events(case_id)]


def rows(store: Store, sql: str, **params: object) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def count(store: Store, table: str, case_id: str) -> int:
    return rows(store, f"SELECT count(*) FROM {table} WHERE case_id = :c", c=case_id)[0][0]


def assert_chain_ok(store: Store) -> None:
    broken = [(r.chain, r.problems) for r in store.verify_audit() if not r.ok]
    assert not broken


# --- every step in order ---------------------------------------------------------------------

def test_every_step_is_accepted_in_order(store: Store, session: OfficerSession, admin: SignedIn) -> None:
    visit = Visit.start(store, session)
    assert visit.current_step is Step.ID_CARD
    assert visit.step_state(Step.SIGN_IN) is StepState.DONE
    inputs = {s: f.default_input(s) for s in STEPS}
    for i, step in enumerate(STEPS):
        assert visit.current_step is step
        outcome = getattr(visit, f"submit_{step}")(inputs[step])
        assert outcome.accepted, outcome.checks
        assert not outcome.blocked and not outcome.needs_override
        assert outcome.next_step is ORDER[ORDER.index(step) + 1]
        assert visit.step_state(step) is StepState.DONE
        assert store.case_state(visit.case_id).step == outcome.next_step.value
        for later in STEPS[i + 1:]:
            assert visit.step_state(later) is StepState.PENDING
    assert visit.is_done and visit.current_step is Step.DONE
    state = store.case_state(visit.case_id)
    assert state.status is CaseStatus.DONE
    assert {s: r.completed_by for s, r in state.steps.items()} == {s.value: ADMIN_ID for s in ORDER[:-1]}

    assert events(store, visit.case_id) == [
        ("visit.start", "ok"), *((f"{s}.done", "ok") for s in STEPS), ("visit.done", "ok")]
    assert_chain_ok(store)
    assert rows(store, "SELECT kind FROM outbox WHERE case_id = :c", c=visit.case_id) == [("case",)]

    # what each step produced reads back as it went in
    assert visit.output(Step.ID_CARD) == inputs[Step.ID_CARD]
    face = visit.output(Step.FACE)
    assert face == replace(inputs[Step.FACE], live_image=None)  # the live frame is dropped once done
    opened = visit.output(Step.ACCOUNT)
    assert isinstance(opened, AccountOpened) and opened.request == inputs[Step.ACCOUNT]
    assert is_valid(opened.account_number) and is_valid(opened.card_number)
    assert visit.output(Step.LOAN) == inputs[Step.LOAN]
    signed = inputs[Step.SIGNATURE]
    assert visit.output(Step.SIGNATURE) == signed
    assert sorted(visit.output(Step.DOCUMENTS).documents, key=lambda d: d.kind) == sorted(  # type: ignore[union-attr]
        signed.documents, key=lambda d: d.kind)  # the signed documents replace the unsigned ones


def test_nothing_can_be_submitted_or_redone_after_done(store: Store, session: OfficerSession) -> None:
    visit = Visit.start(store, session)
    f.drive(visit)
    before = events(store, visit.case_id)
    with pytest.raises(VisitError, match="done"):
        visit.submit_signature(f.signed_set())
    for step in STEPS:
        with pytest.raises(VisitError, match="done"):
            visit.redo(step, "customer changed mind")
    assert events(store, visit.case_id) == before
    # a resumed done case stays done and gets no resume event
    again = Visit.resume(store, session, visit.case_id)
    assert again.is_done and events(store, visit.case_id) == before


# --- blocking failures refuse the step -------------------------------------------------------

def _wrong_check_digit(number: str) -> str:
    return number[:-1] + ("1" if number[-1] != "1" else "2")


BLOCKING = {
    "expired card": (Step.ID_CARD, lambda: f.card_read(valid_from=date(2006, 1, 10), valid_to=date(2016, 1, 10)),
                     "card.not_expired"),
    "minor": (Step.ID_CARD, lambda: f.card_read(birth=date(2012, 4, 2), valid_from=date(2022, 5, 1),
                                                valid_to=date(2027, 5, 1)), "holder.adult"),
    "invalid number": (Step.ID_CARD, lambda: f.card_read(number=_wrong_check_digit(f.id_number())),
                       "id_number.check_digit"),
    "bad phone": (Step.ACCOUNT, lambda: f.account_request(phone="02812345"), "account.phone"),
    "amount too low": (Step.LOAN, lambda: f.loan_offer(amount="10000"), "loan.amount"),
    "amount too high": (Step.LOAN, lambda: f.loan_offer(amount="600000"), "loan.amount"),
    "excluded borrower": (Step.LOAN, lambda: f.loan_offer(excluded=True), "loan.eligible"),
    "missing documents": (Step.DOCUMENTS, lambda: f.document_set(list(DocumentKind)[:3]), "documents.complete"),
    "empty signature pad": (Step.SIGNATURE, lambda: f.signed_set(empty=True), "signature.handwriting"),
}


@pytest.mark.parametrize("case", BLOCKING, ids=list(BLOCKING))
def test_blocking_failure_refuses_the_step(store: Store, session: OfficerSession, case: str) -> None:
    step, bad_input, check_name = BLOCKING[case]
    visit = Visit.start(store, session)
    f.drive(visit, until=step)
    before = events(store, visit.case_id)

    outcome = getattr(visit, f"submit_{step}")(bad_input())
    assert not outcome.accepted
    assert check_name in [c.name for c in outcome.blocked]
    assert outcome.next_step is step
    assert visit.current_step is step and store.case_state(visit.case_id).step == step.value
    assert visit.step_state(step) is StepState.PENDING
    after = events(store, visit.case_id)
    assert after == [*before, (f"{step}.rejected", "blocked")]
    figures = store.audit_events(visit.case_id)[-1].figures
    assert f'"{check_name}":"fail"' in figures

    # a blocking check cannot be overridden, even with a reason
    outcome = getattr(visit, f"submit_{step}")(bad_input(), {check_name: REASON})
    assert not outcome.accepted and check_name in [c.name for c in outcome.blocked]
    assert visit.current_step is step
    assert store.overrides_of(session.officer, visit.case_id, step.value) == {}  # type: ignore[arg-type]
    if step is Step.ACCOUNT:
        assert count(store, "issued_numbers", visit.case_id) == 0  # no number for a refused account
        assert count(store, "accounts", visit.case_id) == 0

    # fixing the input lets the step through
    assert getattr(visit, f"submit_{step}")(f.default_input(step)).accepted
    assert_chain_ok(store)


# --- overridable failures need a reason per check ---------------------------------------------

OVERRIDABLE = {
    "face no match": (Step.FACE, lambda: f.face_match(FaceDecision.NO_MATCH), ["face.match"]),
    "face retry": (Step.FACE, lambda: f.face_match(FaceDecision.RETRY), ["face.match"]),
    "liveness failed": (Step.FACE, lambda: f.face_match(live=False), ["face.liveness"]),
    "no match and no liveness": (Step.FACE, lambda: f.face_match(FaceDecision.NO_MATCH, live=False),
                                 ["face.liveness", "face.match"]),
    "credit line exceeded": (Step.LOAN, lambda: f.loan_offer(amount="200000", credit_line=Decimal("150000")),
                             ["loan.credit_line"]),
    "region unknown": (Step.ID_CARD, lambda: f.card_read(region="990101"), ["id_number.region"]),
    "validity period mismatch": (Step.ID_CARD, lambda: f.card_read(valid_from=date(2020, 3, 1),
                                                                   valid_to=date(2030, 3, 1)),
                                 ["card.validity_period"]),
}


@pytest.mark.parametrize("case", OVERRIDABLE, ids=list(OVERRIDABLE))
def test_overridable_failure_needs_a_reason_per_check(store: Store, session: OfficerSession, admin: SignedIn,
                                                      case: str) -> None:
    step, bad_input, names = OVERRIDABLE[case]
    visit = Visit.start(store, session)
    f.drive(visit, until=step)
    submit = getattr(visit, f"submit_{step}")

    outcome = submit(bad_input())
    assert not outcome.accepted and not outcome.blocked
    assert sorted(c.name for c in outcome.needs_override) == names
    assert visit.current_step is step
    assert events(store, visit.case_id)[-1] == (f"{step}.rejected", "needs_override")

    # a reason must say something
    with pytest.raises(VisitError, match="reason"):
        submit(bad_input(), {n: "  ok " for n in names})
    # one reason for two failures is not enough
    if len(names) > 1:
        partial = submit(bad_input(), {names[0]: REASON})
        assert not partial.accepted and sorted(c.name for c in partial.needs_override) == names[1:]
    assert visit.current_step is step and visit.step_state(step) is StepState.PENDING

    reasons = {n: f"{REASON}（{n}）" for n in names}
    outcome = submit(bad_input(), reasons)
    assert outcome.accepted and visit.step_state(step) is StepState.DONE
    assert outcome.next_step is ORDER[ORDER.index(step) + 1]
    assert store.overrides_of(admin, visit.case_id, step.value) == reasons

    last = store.audit_events(visit.case_id)[-1]
    assert (last.action, last.result) == (f"{step}.done", "overridden")
    assert f'"overridden":{json.dumps(names, separators=(",", ":"))}' in last.figures
    for event in store.audit_events(visit.case_id):
        assert "王小喆" not in event.figures and "核对" not in event.figures  # reasons stay out of the trail
    sealed = rows(store, "SELECT overrides_enc FROM case_steps WHERE case_id = :c AND step = :s",
                  c=visit.case_id, s=step.value)[0][0]
    assert sealed and REASON.encode() not in sealed and names[0].encode() not in sealed

    f.drive(visit)
    assert visit.is_done
    assert store.overrides_of(admin, visit.case_id, step.value) == reasons  # still there once done
    assert_chain_ok(store)


def test_override_of_a_check_that_did_not_fail_is_refused(store: Store, session: OfficerSession,
                                                          admin: SignedIn) -> None:
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.FACE)
    before = events(store, visit.case_id)
    with pytest.raises(VisitError, match="did not fail"):
        visit.submit_face(f.face_match(), {"face.match": REASON})
    with pytest.raises(VisitError, match="did not fail"):  # liveness failed, but match was overridden
        visit.submit_face(f.face_match(live=False), {"face.match": REASON, "face.liveness": REASON})
    with pytest.raises(VisitError, match="did not fail"):
        visit.submit_face(f.face_match(), {"no.such.check": REASON})
    assert events(store, visit.case_id) == before
    assert visit.current_step is Step.FACE and store.overrides_of(admin, visit.case_id, "face") == {}


# --- order -----------------------------------------------------------------------------------

def test_submitting_out_of_order_is_refused_and_writes_nothing(store: Store, session: OfficerSession) -> None:
    visit = Visit.start(store, session)
    before = events(store, visit.case_id)
    for step in STEPS[1:]:
        with pytest.raises(VisitError, match="at the id_card step"):
            getattr(visit, f"submit_{step}")(f.default_input(step))
    assert events(store, visit.case_id) == before
    assert count(store, "issued_numbers", visit.case_id) == 0  # the account step issued nothing
    f.drive(visit, until=Step.LOAN)
    with pytest.raises(VisitError, match="at the loan step"):
        visit.submit_id_card(f.card_read())
    with pytest.raises(VisitError, match="at the loan step"):
        visit.submit_account(f.account_request())
    assert visit.current_step is Step.LOAN
    assert rows(store, "SELECT count(*) FROM id_card_reads WHERE case_id = :c", c=visit.case_id) == [(1,)]


# --- redo ------------------------------------------------------------------------------------

def test_redo_id_card_makes_its_dependents_stale(store: Store, session: OfficerSession) -> None:
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.SIGNATURE)
    visit.redo(Step.ID_CARD, "the card was read from the wrong person")
    assert visit.current_step is Step.ID_CARD
    assert store.case_state(visit.case_id).step == "id_card"
    assert {s: visit.step_state(s) for s in STEPS} == {
        Step.ID_CARD: StepState.STALE, Step.FACE: StepState.STALE, Step.ACCOUNT: StepState.STALE,
        Step.LOAN: StepState.STALE, Step.DOCUMENTS: StepState.STALE, Step.SIGNATURE: StepState.PENDING}
    redo = store.audit_events(visit.case_id)[-1]
    assert (redo.action, redo.result) == ("visit.redo", "ok")
    assert '"step":"id_card"' in redo.figures and "wrong person" not in redo.figures

    # each stale step comes back in order; the outputs are the new ones
    new_card = f.card_read(address="北京市朝阳区幸福路99号")
    assert visit.submit_id_card(new_card).next_step is Step.FACE
    assert visit.output(Step.ID_CARD) == new_card
    assert visit.submit_face(f.face_match()).next_step is Step.ACCOUNT
    assert visit.submit_account(f.account_request()).next_step is Step.LOAN
    assert visit.submit_loan(f.loan_offer()).next_step is Step.DOCUMENTS
    assert visit.submit_documents(f.document_set()).next_step is Step.SIGNATURE
    assert visit.submit_signature(f.signed_set()).next_step is Step.DONE
    assert store.case_state(visit.case_id).steps["id_card"].attempt == 2
    assert count(store, "id_card_reads", visit.case_id) == 2  # the first reading is kept as evidence
    assert_chain_ok(store)


def test_redo_loan_keeps_face_and_account(store: Store, session: OfficerSession) -> None:
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.SIGNATURE)
    opened = visit.output(Step.ACCOUNT)
    visit.redo(Step.LOAN, "the borrower wants a shorter term")
    assert visit.current_step is Step.LOAN
    assert [visit.step_state(s) for s in STEPS] == [StepState.DONE] * 3 + [StepState.STALE] * 2 + [StepState.PENDING]
    outcome = visit.submit_loan(f.loan_offer(months=12))
    assert outcome.next_step is Step.DOCUMENTS  # face and account are not asked again
    assert visit.output(Step.LOAN).terms.months == 12  # type: ignore[union-attr]
    f.drive(visit)
    assert visit.output(Step.ACCOUNT) == opened


def test_after_a_redo_the_next_step_is_the_first_not_done(store: Store, session: OfficerSession) -> None:
    """A stale step before the redone one comes first; the case never finishes with a stale step."""
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.DOCUMENTS)
    visit.redo(Step.FACE, "the picture was taken against the light")
    assert visit.current_step is Step.FACE
    visit.redo(Step.LOAN, "the amount changes")  # loan is still done, so it may be redone first
    assert visit.current_step is Step.LOAN
    assert visit.submit_loan(f.loan_offer(amount="80000")).next_step is Step.FACE
    assert visit.submit_face(f.face_match()).next_step is Step.DOCUMENTS
    f.drive(visit)
    assert visit.is_done
    assert all(r.state is StepState.DONE for r in store.case_state(visit.case_id).steps.values())


def test_states_are_stored_as_the_strings_they_always_were(store: Store, session: OfficerSession) -> None:
    """CaseStatus and StepState are StrEnums: the database holds 'open', 'done', 'stale' as before (no migration)."""
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.LOAN)
    visit.redo(Step.FACE, "the picture was taken against the light")
    assert rows(store, "SELECT status FROM cases WHERE id = :c", c=visit.case_id) == [("open",)]
    assert dict(rows(store, "SELECT step, state FROM case_steps WHERE case_id = :c", c=visit.case_id)) == {
        "sign_in": "done", "id_card": "done", "face": "stale", "account": "done"}
    f.drive(visit)
    assert rows(store, "SELECT status FROM cases WHERE id = :c", c=visit.case_id) == [("done",)]
    assert {type(r.state) for r in store.case_state(visit.case_id).steps.values()} == {StepState}


def test_redo_account_keeps_the_numbers(store: Store, session: OfficerSession) -> None:
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.LOAN)
    first = visit.output(Step.ACCOUNT)
    assert isinstance(first, AccountOpened)
    visit.redo(Step.ACCOUNT, "wrong phone number")
    second_request = f.account_request(phone="13987654321")
    outcome = visit.submit_account(second_request)
    assert outcome.accepted and outcome.next_step is Step.LOAN
    second = visit.output(Step.ACCOUNT)
    assert isinstance(second, AccountOpened)
    assert (second.account_number, second.card_number) == (first.account_number, first.card_number)
    assert second.request == second_request
    assert count(store, "accounts", visit.case_id) == 1
    assert rows(store, "SELECT kind, count(*) FROM issued_numbers WHERE case_id = :c GROUP BY kind ORDER BY kind",
                c=visit.case_id) == [("account", 1), ("card", 1)]
    # the same after the ID card is read again (which makes the account stale)
    visit.redo(Step.ID_CARD, "card read again")
    f.drive(visit)
    third = visit.output(Step.ACCOUNT)
    assert isinstance(third, AccountOpened)
    assert (third.account_number, third.card_number) == (first.account_number, first.card_number)
    # another case gets other numbers
    other = Visit.start(store, session)
    f.drive(other, until=Step.LOAN)
    numbers = other.output(Step.ACCOUNT)
    assert isinstance(numbers, AccountOpened)
    assert numbers.account_number != first.account_number and numbers.card_number != first.card_number


def test_redo_is_refused_for_steps_not_done_or_not_redoable(store: Store, session: OfficerSession) -> None:
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.ACCOUNT)
    before = events(store, visit.case_id)
    for step in (Step.ACCOUNT, Step.LOAN):
        with pytest.raises(VisitError, match="not done yet"):
            visit.redo(step, "why not")
    for step in (Step.SIGN_IN, Step.SIGNATURE, Step.DONE):
        with pytest.raises(VisitError, match="cannot be redone"):
            visit.redo(step, "why not")
    assert events(store, visit.case_id) == before and visit.current_step is Step.ACCOUNT


def test_a_visit_with_an_outdated_view_cannot_move_the_case(store: Store, session: OfficerSession) -> None:
    """The case opened twice (two windows): the store, not the copy in memory, decides the step."""
    first = Visit.start(store, session)
    f.drive(first, until=Step.LOAN)
    second = Visit(store, session, first.case_id)
    first.redo(Step.ID_CARD, "the card was read from the wrong person")
    before = events(store, first.case_id)
    with pytest.raises(StoreError, match="at the id_card step, not loan"):
        second.submit_loan(f.loan_offer())
    assert store.case_state(first.case_id).step == "id_card"
    assert count(store, "loans", first.case_id) == 0 and events(store, first.case_id) == before
    f.drive(first)
    assert first.is_done


# --- resume ----------------------------------------------------------------------------------

def test_another_officer_resumes_with_a_new_store(settings: Settings, clock: FakeClock, store: Store,
                                                 session: OfficerSession, admin: SignedIn) -> None:
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.LOAN)
    store.officers.add(admin, "clerk02", "柜员乙", "802468")
    case_id, card = visit.case_id, visit.output(Step.ID_CARD)
    store.close()

    with Store.open(settings, clock=clock) as reopened:
        clerk = reopened.officers.sign_in("clerk02", "802468")
        resumed = Visit.resume(reopened, OfficerSession(clerk, timedelta(minutes=5), clock), case_id)
        assert resumed.current_step is Step.LOAN
        assert [resumed.step_state(s) for s in STEPS] == [StepState.DONE] * 3 + [StepState.PENDING] * 3
        last = reopened.audit_events(case_id)[-1]
        assert (last.action, last.result, last.actor) == ("visit.resume", "ok", "clerk02")
        assert last.figures == '{"step":"loan"}'
        assert resumed.output(Step.ID_CARD) == card  # the clerk opens what the admin sealed
        f.drive(resumed)
        state = reopened.case_state(case_id)
        assert state.status is CaseStatus.DONE
        assert state.steps["id_card"].completed_by == ADMIN_ID
        assert state.steps["loan"].completed_by == "clerk02"
        assert state.officer_id == ADMIN_ID
        assert all(r.ok for r in reopened.verify_audit())


# --- idle lock -------------------------------------------------------------------------------

def test_idle_session_locks_until_the_pin_is_entered(store: Store, session: OfficerSession,
                                                    clock: FakeClock) -> None:
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.FACE)
    clock.advance(minutes=4)
    assert visit.submit_face(f.face_match()).accepted  # activity within the limit keeps it open
    clock.advance(minutes=4, seconds=59)
    assert visit.output(Step.FACE) is not None
    clock.advance(minutes=5, seconds=1)
    before = events(store, visit.case_id)
    with pytest.raises(SessionLockedError, match="PIN"):
        visit.submit_account(f.account_request())
    assert session.locked
    for action in (lambda: visit.submit_account(f.account_request()), lambda: visit.output(Step.ID_CARD),
                   lambda: visit.redo(Step.FACE, "retake"), lambda: Visit.start(store, session),
                   lambda: Visit.resume(store, session, visit.case_id)):
        with pytest.raises(SessionLockedError):
            action()
    assert events(store, visit.case_id) == before
    assert count(store, "issued_numbers", visit.case_id) == 0  # a locked session issues no numbers
    assert visit.current_step is Step.ACCOUNT

    with pytest.raises(SignInError):
        session.unlock("999999", store.officers)
    assert session.locked
    with pytest.raises(SessionLockedError):
        visit.submit_account(f.account_request())
    session.unlock(ADMIN_PIN, store.officers)
    assert visit.submit_account(f.account_request()).accepted
    # an explicit lock works the same way
    session.lock()
    with pytest.raises(SessionLockedError):
        visit.submit_loan(f.loan_offer())
    session.unlock(ADMIN_PIN, store.officers)
    assert visit.submit_loan(f.loan_offer()).accepted


def test_wrong_pins_on_unlock_count_towards_the_lockout(store: Store, session: OfficerSession,
                                                        clock: FakeClock) -> None:
    visit = Visit.start(store, session)
    clock.advance(minutes=6)
    with pytest.raises(SessionLockedError):
        visit.submit_id_card(f.card_read())
    attempts = store.settings.security.max_pin_attempts
    for tries_left in range(attempts - 1, 0, -1):
        with pytest.raises(SignInError, match=f"{tries_left} tries left"):
            session.unlock("975310", store.officers)
    with pytest.raises(SignInError, match="now locked"):
        session.unlock("975310", store.officers)
    with pytest.raises(SignInError, match="locked"):
        session.unlock(ADMIN_PIN, store.officers)  # the right PIN is refused during the lockout
    assert session.locked
    with pytest.raises(SessionLockedError):
        visit.submit_id_card(f.card_read())
    clock.advance(minutes=store.settings.security.lockout_minutes, seconds=1)
    session.unlock(ADMIN_PIN, store.officers)
    assert visit.submit_id_card(f.card_read()).accepted


def test_a_face_check_comes_back_from_the_store_as_it_went_in(store: Store, session: OfficerSession) -> None:
    visit = Visit.start(store, session)
    f.drive(visit, until="face")
    check = replace(f.face_match(), reason="the match reason",
                    liveness={"asked": ["blink"], "seen": ["blink"], "reason": "the liveness reason"})
    assert visit.submit_face(check).accepted
    assert visit.output(Step.FACE) == check
