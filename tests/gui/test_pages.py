"""The visit pages that need no engine: account, loan (with the officer's override), redo, done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from station.core.visit import Step, Visit
from station.ui.visit.override import OverrideDialog, ReasonDialog
from tests import factories
from tests.gui.conftest import press, sign_in, type_text


def answer_dialog(qtbot, fill: Callable[[QDialog], None]) -> list[QDialog]:  # noqa: ANN001
    """Arrange for the next modal dialog to be filled in by ``fill`` (which accepts or rejects it)."""
    seen: list[QDialog] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog)
        fill(dialog)

    QTimer.singleShot(0, handle)
    return seen


def open_visit_at(qtbot, window, store, until: str) -> Visit:  # noqa: ANN001
    sign_in(qtbot, window)
    window.cases_page.new_button.click()
    visit = window.visit_view.visit
    factories.drive(visit, until=until)
    window.visit_view.show_step(visit.current_step)
    return visit


def test_account_checks_show_at_once_and_the_issued_numbers_after(qtbot, window, store):
    visit = open_visit_at(qtbot, window, store, "account")
    view, page = window.visit_view, window.visit_view.page
    assert page.address.toPlainText() == factories.card_read().front.address  # taken from the card
    type_text(qtbot, page.phone, "1381234")
    assert not view.next_button.isEnabled()
    assert "请输入以 1 开头的 11 位大陆手机号码。" in page.checks.text_plain()
    type_text(qtbot, page.phone, "5678")
    assert view.next_button.isEnabled() and "手机号码有效。" in page.checks.text_plain()
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # the next shortcut
    assert visit.current_step is Step.LOAN
    opened = visit.output(Step.ACCOUNT)
    assert page.card_number.text().replace(" ", "") == opened.card_number
    assert view.on_screen is Step.ACCOUNT and not page.phone.isEnabled()  # stays to show the numbers
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.on_screen is Step.LOAN


def test_loan_over_the_line_needs_an_officers_reason_which_is_recorded(qtbot, window, store, admin):
    visit = open_visit_at(qtbot, window, store, "loan")
    view, page = window.visit_view, window.visit_view.page
    page.amount.setValue(150_000)
    page.has_line.setChecked(True)
    page.line.setValue(120_000)
    assert page.apr.text() == "3.45 %" and page.table.rowCount() == 24
    assert page.chart.chart_.series()[0].count() == 2  # principal and interest bars

    def cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, OverrideDialog) and list(dialog.edits) == ["loan.credit_line"]
        assert not dialog.ok.isEnabled()  # no reason, no override
        dialog.reject()

    answer_dialog(qtbot, cancel)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert visit.current_step is Step.LOAN
    assert view.message.text() == "未保存：需要柜员填写理由才能继续。"

    def override(dialog: QDialog) -> None:
        dialog.edits["loan.credit_line"].setPlainText("村委会出具增信证明")
        dialog.ok.click()

    answer_dialog(qtbot, override)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert visit.current_step is Step.DOCUMENTS
    assert store.overrides_of(admin, visit.case_id, "loan") == {"loan.credit_line": "村委会出具增信证明"}
    offer = visit.output(Step.LOAN)
    assert offer.terms.amount == 150_000 and offer.terms.credit_line == 120_000
    assert offer.quote.schedule == page.quote.schedule  # what was shown is what was agreed


def test_an_excluded_borrower_is_blocked_with_the_reason(qtbot, window, store):
    visit = open_visit_at(qtbot, window, store, "loan")
    view, page = window.visit_view, window.visit_view.page
    page.excluded.setChecked(True)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert visit.current_step is Step.LOAN
    assert "借款人列入失信被执行人名单，不能发放贷款。" in page.checks.text_plain()
    assert view.message.text() == "此步骤暂不能继续：请查看上方的校验结果。"


def test_redoing_the_id_card_asks_why_and_sends_later_steps_back(qtbot, window, store):
    visit = open_visit_at(qtbot, window, store, "documents")
    view = window.visit_view
    qtbot.mouseClick(view.bar.buttons[Step.ID_CARD], Qt.MouseButton.LeftButton)
    assert view.on_screen is Step.ID_CARD and not view.page.form.isEnabled()
    assert view.redo_button.isVisible()

    def reason(dialog: QDialog) -> None:
        assert isinstance(dialog, ReasonDialog)
        dialog.edit.setPlainText("证件号码抄录有误")
        dialog.ok.click()

    answer_dialog(qtbot, reason)
    qtbot.mouseClick(view.redo_button, Qt.MouseButton.LeftButton)
    assert visit.current_step is Step.ID_CARD and view.page.form.isEnabled()
    assert [visit.step_state(s) for s in (Step.FACE, Step.ACCOUNT, Step.LOAN)] == ["stale"] * 3
    assert view.bar.buttons[Step.FACE].text().startswith("⟳")


def test_the_back_shortcut_looks_at_the_previous_step_without_changing_it(qtbot, window, store):
    visit = open_visit_at(qtbot, window, store, "loan")
    view = window.visit_view
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.on_screen is Step.ACCOUNT and view.next_button.text() == "前往：贷款"
    assert "正在查看：开户" in view.bar.next_label.text()
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.on_screen is Step.LOAN and visit.current_step is Step.LOAN


def test_the_done_page_says_what_waits_for_sync_and_for_a_timestamp(qtbot, window, store):
    visit = open_visit_at(qtbot, window, store, "signature")
    signed = factories.signed_set(level="B-B")
    visit.submit_signature(replace(signed, documents=[replace(d, awaiting_upgrade=True) for d in signed.documents]))
    view = window.visit_view
    view.show_step(Step.DONE)
    text = view.page.summary.text() + view.page.waiting.text()
    assert "已排队等待同步" in text and "王*" in text and "已排队等待长期验证升级" in text
    assert "部分签名尚无时间戳" in view.page.checks.text_plain()  # the signature step's warning
    assert view.page.title.text() == "业务办理完成"
    assert factories.card_read().front.name not in text  # the name is masked
