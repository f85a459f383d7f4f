"""Chinese line breaking: no closing punctuation first on a line, no opening one last, numbers kept whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from station.documents.linebreak import NO_LINE_END, NO_LINE_START, break_lines


def _lines(text: str, width: float) -> list[str]:
    return [text[a:b] for a, b in break_lines(text, [1.0] * len(text), [width])]


def test_a_comma_that_would_start_a_line_takes_a_character_with_it() -> None:
    assert _lines("甲乙丙丁，戊己", 4) == ["甲乙丙", "丁，戊己"]


def test_an_opening_bracket_never_ends_a_line() -> None:
    assert _lines("甲乙丙《丁戊》己", 4) == ["甲乙丙", "《丁戊》", "己"]


def test_a_number_is_not_split_when_it_fits_in_half_a_line() -> None:
    assert _lines("甲乙丙丁戊4,318.05元", 10) == ["甲乙丙丁戊", "4,318.05元"]


def test_a_run_longer_than_half_a_line_is_cut_where_it_overflows() -> None:
    assert _lines("甲9900000101000012345", 8) == ["甲9900000", "10100001", "2345"]


def test_forced_breaks_and_spaces_at_a_break() -> None:
    text = "甲乙 丙丁"
    assert [text[a:b] for a, b in break_lines(text, [1.0] * 5, [3])] == ["甲乙 ", "丙丁"]
    forced = [False, True, False, False, False]
    assert [text[a:b] for a, b in break_lines(text, [1.0] * 5, [10], forced)] == ["甲乙", " 丙丁"]


def test_the_first_line_may_be_narrower() -> None:
    assert _lines("甲乙丙丁戊己庚", 0) == ["甲", "乙", "丙", "丁", "戊", "己", "庚"]
    text = "甲乙丙丁戊己庚"
    assert [text[a:b] for a, b in break_lines(text, [1.0] * 7, [2, 5])] == ["甲乙", "丙丁戊己庚"]


def _allowed(text: str, k: int) -> bool:
    """The rules restated: a break before text[k] is fine unless punctuation or a Latin word forbids it."""
    def word(ch: str) -> bool:
        return ch.isascii() and (ch.isalnum() or ch in ".,-/_@%+:'")

    return not (text[k] in NO_LINE_START or text[k - 1] in NO_LINE_END or (word(text[k - 1]) and word(text[k])))


@given(st.text(alphabet="甲乙丙丁，。；：、》《（）“”ab12.", min_size=1, max_size=80), st.integers(3, 12))
def test_lines_cover_the_text_fit_and_break_by_the_rules_unless_no_allowed_place_is_near(text: str, width: int) -> None:
    ranges = break_lines(text, [1.0] * len(text), [float(width)])
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in zip(ranges, ranges[1:], strict=False))
    assert all(0 < b - a <= width for a, b in ranges)
    for a, c in ranges[:-1]:
        if not _allowed(text, c):  # a forced cut: the line is full and the last half of it had no allowed break
            assert c == a + width
            assert not any(_allowed(text, k) for k in range(max(a + 1, a + width // 2), c + 1))
