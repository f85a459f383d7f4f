"""The GUI says the core's messages in the language the settings choose, and follows a switch both ways."""

from __future__ import annotations

from datetime import date

from station.core.idcard_rules import check_card
from station.errors import StoreError
from station.messages import current_language
from station.ui.i18n import install_translations
from station.ui.messages import error_text, join
from station.ui.widgets.checks import ChecksView
from tests import factories


def test_switching_to_english_and_back_says_checks_and_errors_in_each_language(qtbot, qapp):  # noqa: ANN001
    view = ChecksView()
    qtbot.addWidget(view)
    expired = [c for c in check_card(factories.card_read(), date(2040, 1, 1)) if c.name == "card.not_expired"]
    error = StoreError("store-no-case", case="c-1")

    install_translations(qapp, "en")
    view.show_checks(expired)
    assert current_language() == "en"
    assert view.text_plain() == "The card has expired; the holder needs a new or temporary card."
    assert error_text(error) == "There is no case c-1 on this station." == str(error)
    assert join(["a", "b"]) == "a, b"

    install_translations(qapp, "zh_CN")
    view.show_checks(expired)
    assert current_language() == "zh-CN"
    assert view.text_plain() == "证件已过期，持证人须换领新证或临时证。"
    assert error_text(error) == "本工作站没有业务 c-1。"
    assert error_text(KeyError("x")) == "发生意外错误（KeyError）。此次操作未保存任何内容，请重试。"
    assert join(["甲", "乙"]) == "甲、乙"
    assert str(error) == "There is no case c-1 on this station."  # the logs and the CLI stay English
