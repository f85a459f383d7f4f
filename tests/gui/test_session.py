"""Sign-in, wrong PINs and lockout, the idle lock, and resuming an interrupted visit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station.core.visit import Step, Visit
from station.ui.app import open_window
from tests import factories
from tests.conftest import ADMIN_ID, ADMIN_PIN
from tests.gui.conftest import sign_in


def test_wrong_pin_says_how_many_tries_are_left_then_locks_the_officer(qtbot, window, settings):
    page = window.sign_in_page
    sign_in(qtbot, window, pin="999999")
    assert window.pages.currentWidget() is page
    assert page.message.text() == "柜员号或 PIN 错误（还可尝试 4 次）。"
    for _ in range(settings.security.max_pin_attempts - 1):
        sign_in(qtbot, window, pin="999999")
    assert page.message.text() == f"PIN 错误。柜员 {ADMIN_ID} 已被锁定 15 分钟。"
    sign_in(qtbot, window)  # the right PIN, but locked out
    assert window.pages.currentWidget() is page
    assert page.message.text().startswith(f"柜员 {ADMIN_ID} 因 PIN 错误次数过多已被锁定")
    assert page.pin.text() == ""  # a PIN never stays on screen


def test_empty_fields_are_refused_without_a_sign_in_attempt(qtbot, window):
    qtbot.mouseClick(window.sign_in_page.button, Qt.MouseButton.LeftButton)
    assert window.sign_in_page.message.text() == "请输入柜员号和 PIN。"


def test_idle_session_locks_and_the_same_officers_pin_brings_back_the_visit(qtbot, window, clock, store):
    sign_in(qtbot, window)
    window.cases_page.new_button.click()
    visit = window.visit_view.visit
    visit.submit_id_card(factories.card_read())
    visit.submit_face(factories.face_match())
    window.visit_view.show_step(visit.current_step)
    account = window.visit_view.page
    account.phone.setText("13812345678")

    clock.advance(minutes=4)
    window.check_idle()
    assert window.pages.currentWidget() is window.visit_view  # not idle long enough yet
    clock.advance(minutes=6)
    window.check_idle()
    page = window.sign_in_page
    assert window.pages.currentWidget() is page
    assert page.officer.isReadOnly() and page.officer.text() == ADMIN_ID
    assert "已自动锁定" in page.message.text()
    assert window.cases_page.table.rowCount() == 0  # no names left behind the lock

    sign_in(qtbot, window, pin="999999")
    assert window.pages.currentWidget() is page
    sign_in(qtbot, window)
    assert window.pages.currentWidget() is window.visit_view
    assert window.visit_view.page is account and account.phone.text() == "13812345678"  # nothing lost


def test_switching_officer_at_the_lock_leaves_the_visit_to_resume(qtbot, window, clock):
    sign_in(qtbot, window)
    window.cases_page.new_button.click()
    window.lock("")
    qtbot.mouseClick(window.sign_in_page.switch, Qt.MouseButton.LeftButton)
    assert window.session is None and window.visit_view.visit is None
    assert not window.sign_in_page.officer.isReadOnly()


def test_a_visit_interrupted_mid_way_resumes_at_its_step_in_a_new_window(qtbot, window, settings, store, session):
    # The lid closes in the middle of the loan step: the window (and the process) is gone.
    visit = Visit.start(store, session)
    factories.drive(visit, until="loan")
    case_id = visit.case_id
    window.close()

    again = open_window(settings, store)
    qtbot.addWidget(again)
    again.show()
    sign_in(qtbot, again, ADMIN_ID, ADMIN_PIN)
    cases = again.cases_page
    assert [c.id for c in cases.cases] == [case_id]
    assert cases.table.item(0, 2).text() == "贷款"
    cases.table.selectRow(0)
    qtbot.mouseClick(cases.open_button, Qt.MouseButton.LeftButton)
    view = again.visit_view
    assert view.on_screen is Step.LOAN and view.page.ready()
    assert [view.bar.buttons[s].isEnabled() for s in (Step.ID_CARD, Step.DOCUMENTS)] == [True, False]
    assert [e.action for e in store.audit_events(case_id)][-1] == "visit.resume"
    again.close()
