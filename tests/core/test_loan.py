"""Loan maths: worked examples against independent float arithmetic, invariants by hypothesis, the CLI."""

from __future__ import annotations

import calendar
import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from station.cli import app
from station.core.loan import LoanError, add_months, parse_method, plan, quote
from station.core.models import LoanOffer, LoanQuote, LoanTerms, RepaymentMethod
from station.core.visit import LoanPolicy, loan_checks

EI, EP, IO = RepaymentMethod.EQUAL_INSTALMENT, RepaymentMethod.EQUAL_PRINCIPAL, RepaymentMethod.INTEREST_ONLY
FEN = Decimal("0.01")
ROW_KEYS = {"period", "due_date", "payment", "principal", "interest", "balance"}


def terms(amount: str = "100000", months: int = 24, rate: str = "3.45", method: RepaymentMethod = EI,
          fees: str = "0") -> LoanTerms:
    return LoanTerms(Decimal(amount), months, Decimal(rate), method, fees=Decimal(fees))


def annuity_float(amount: float, months: int, annual_percent: float) -> float:
    """M = P·r(1+r)^n / ((1+r)^n − 1), in plain floats."""
    r = annual_percent / 1200
    return amount / months if r == 0 else amount * r * (1 + r) ** months / ((1 + r) ** months - 1)


def npv(monthly: float, in_hand: float, payments: list[float]) -> float:
    return -in_hand + sum(p / (1 + monthly) ** k for k, p in enumerate(payments, 1))


def irr_by_bisection(in_hand: float, payments: list[float]) -> float:
    """The monthly IRR by bisection on the NPV (falls as the rate rises): independent of numpy-financial."""
    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if npv(mid, in_hand, payments) > 0 else (lo, mid)
    return lo


# --- worked examples -------------------------------------------------------------------------

def test_equal_instalment_100000_over_24_months_at_3_45() -> None:
    worked = plan(terms(), date(2026, 3, 15))
    m = annuity_float(100000, 24, 3.45)  # 4318.054...
    assert abs(float(worked.first_payment) - m) <= 0.005
    assert worked.first_payment == Decimal("4318.05")
    first = worked.instalments[0]
    assert first.interest == Decimal("287.50")  # 100,000 × 3.45 % / 12, exactly
    assert first.principal == Decimal("4318.05") - Decimal("287.50")
    assert abs(float(worked.total_interest) - (24 * m - 100000)) <= 24 * 0.01
    assert worked.total_principal == Decimal("100000.00")
    assert worked.apr == Decimal("3.45")


def test_equal_principal_100000_over_24_months_at_3_45() -> None:
    worked = plan(terms(method=EP), date(2026, 3, 15))
    r = 0.0345 / 12
    assert abs(float(worked.first_payment) - (100000 / 24 + 100000 * r)) <= 0.01  # 4454.17
    assert abs(float(worked.total_interest) - 100000 * r * 25 / 2) <= 24 * 0.005  # interest on a falling balance
    assert {i.principal for i in worked.instalments[:-1]} == {Decimal("4166.67")}
    assert worked.instalments[-1].principal == Decimal("100000") - 23 * Decimal("4166.67")


def test_interest_only_pays_the_principal_at_the_end() -> None:
    worked = plan(terms(method=IO), date(2026, 3, 15))
    assert [i.payment for i in worked.instalments[:-1]] == [Decimal("287.50")] * 23
    assert worked.instalments[-1].payment == Decimal("100287.50")
    assert worked.total_interest == Decimal("6900.00")
    assert worked.apr == Decimal("3.45")


def test_one_month_loan_with_a_fee_has_the_apr_of_its_two_cash_flows() -> None:
    # 100,000 at 12 % for one month: 101,000 back; a 1,000 fee leaves 99,000 in hand.
    worked = plan(terms(months=1, rate="12", fees="1000"), date(2026, 3, 15))
    assert worked.instalments[0].payment == Decimal("101000.00")
    expected = (Decimal(101000) / Decimal(99000) - 1) * 1200  # 24.2424... % (simple annualisation)
    assert worked.apr == expected.quantize(FEN, rounding=ROUND_HALF_UP) == Decimal("24.24")
    assert worked.total_cost == Decimal("2000.00")


@pytest.mark.parametrize("method", list(RepaymentMethod))
def test_apr_with_a_fee_matches_an_independent_irr(method: RepaymentMethod) -> None:
    worked = plan(terms(months=36, rate="6.5", method=method, fees="2500"), date(2026, 3, 15))
    independent = irr_by_bisection(97500, [float(i.payment) for i in worked.instalments]) * 1200
    assert abs(float(worked.apr) - independent) <= 0.005 + 1e-9
    assert worked.apr > Decimal("6.5")


def test_a_free_loan_has_an_apr_of_zero_not_minus_zero() -> None:
    worked = plan(terms(rate="0"), date(2026, 3, 15))
    assert str(worked.apr) == "0.00" and worked.total_interest == 0


@pytest.mark.parametrize(("start", "expected"), [
    (date(2026, 1, 31), ["2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]),
    (date(2024, 1, 31), ["2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"]),  # leap year
    (date(2026, 8, 30), ["2026-09-30", "2026-10-30", "2026-11-30", "2026-12-30"]),
    (date(2026, 11, 15), ["2026-12-15", "2027-01-15", "2027-02-15", "2027-03-15"]),  # over the year end
])
def test_due_dates_are_monthly_from_the_drawdown_and_never_drift(start: date, expected: list[str]) -> None:
    worked = plan(terms(months=4), start)
    assert [row["due_date"] for row in worked.to_quote().schedule] == expected


def test_quote_is_the_core_model_with_the_schedule_keys_the_documents_use() -> None:
    q = quote(terms(fees="800"), date(2026, 3, 15))
    assert isinstance(q, LoanQuote)
    assert len(q.schedule) == 24 and all(set(row) == ROW_KEYS for row in q.schedule)
    assert all(isinstance(v, str) for row in q.schedule for v in row.values())
    assert q.schedule[0] == {"period": "1", "due_date": "2026-04-15", "payment": "4318.05", "principal": "4030.55",
                             "interest": "287.50", "balance": "95969.45"}
    assert q.schedule[-1]["balance"] == "0.00"
    assert LoanQuote.from_dict(json.loads(json.dumps(q.to_dict()))) == q


def test_the_visit_accepts_the_apr_of_a_quote() -> None:
    t = terms(fees="1000")
    checks = {c.name: c for c in loan_checks(LoanOffer(t, quote(t, date(2026, 3, 15))), LoanPolicy())}
    assert checks["loan.apr_disclosed"].passed and all(c.passed for c in checks.values())


@pytest.mark.parametrize(("bad", "message"), [
    (terms(amount="-5"), "above zero"),
    (terms(amount="0"), "above zero"),
    (terms(amount="1e40"), "under"),
    (terms(amount="1000.001"), "whole fen"),
    (terms(fees="100000"), "less than the amount"),
    (terms(fees="-1"), "zero or more"),
    (terms(rate="NaN"), "must be a number"),
    (terms(rate="-1"), "0 to under 100"),
    (terms(months=0), "1 to 120 months"),
    (terms(months=121), "1 to 120 months"),
])
def test_terms_the_maths_cannot_use_are_refused_with_a_reason(bad: LoanTerms, message: str) -> None:
    with pytest.raises(LoanError, match=message):
        plan(bad, date(2026, 3, 15))


def test_a_schedule_past_the_end_of_the_calendar_is_refused() -> None:
    assert plan(terms(months=12), date(9998, 12, 31)).instalments[-1].due_date == date(9999, 12, 31)
    with pytest.raises(LoanError, match="calendar ends"):
        plan(terms(months=12), date(9999, 1, 1))


def test_methods_go_by_chinese_names_and_english_aliases() -> None:
    assert parse_method("等额本息") is parse_method("annuity") is EI
    assert parse_method("Equal-Principal") is EP and parse_method("interest-only") is IO
    with pytest.raises(LoanError, match="annuity"):
        parse_method("balloon")


# --- invariants ------------------------------------------------------------------------------

@st.composite
def loans(draw: st.DrawFn) -> tuple[LoanTerms, date]:
    amount = Decimal(draw(st.integers(50_000_00, 500_000_00))) / 100
    fee_share = draw(st.one_of(st.just(0), st.integers(10, 500)))  # none, or 0.1 % to 5 % of the amount
    fees = (amount * fee_share / 10_000).quantize(FEN)
    rate = Decimal(draw(st.integers(345, 2400))) / 100
    t = LoanTerms(amount, draw(st.integers(1, 60)), rate, draw(st.sampled_from(list(RepaymentMethod))), fees=fees)
    return t, draw(st.dates(date(2000, 1, 1), date(2099, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(loans())
def test_schedule_invariants(loan: tuple[LoanTerms, date]) -> None:
    t, start = loan
    rows = plan(t, start).instalments
    r = t.annual_rate / 1200
    assert len(rows) == t.months
    assert sum(i.principal for i in rows) == t.amount  # exactly, to the fen
    balance = t.amount
    for i in rows:
        assert i.interest == (balance * r).quantize(FEN, rounding=ROUND_HALF_UP)
        assert i.payment == i.principal + i.interest
        assert i.principal >= 0 and i.balance >= 0
        assert i.balance == balance - i.principal
        assert all(-x.as_tuple().exponent == 2 for x in (i.payment, i.principal, i.interest, i.balance))
        balance = i.balance
    assert rows[-1].balance == 0


@settings(max_examples=300, deadline=None)
@given(loans())
def test_method_shapes(loan: tuple[LoanTerms, date]) -> None:
    t, start = loan
    rows = plan(t, start).instalments
    n, r = t.months, float(t.annual_rate) / 1200
    head, last = rows[:-1], rows[-1]
    if t.method is EI:
        m = annuity_float(float(t.amount), n, float(t.annual_rate))
        assert all(abs(float(i.payment) - m) <= 0.005 + 1e-9 for i in head)
        assert len({i.payment for i in head}) <= 1
        # The last payment absorbs the rounding: each earlier principal part is off by at most a fen, and
        # each fen left over grows with the interest, so at most 0.01 × (1 + r + ... + (1 + r)^(n-1)).
        assert abs(float(last.payment) - m) <= 0.01 * ((1 + r) ** n - 1) / r + 1e-9
    elif t.method is EP:
        part = t.amount / n
        assert all(abs(i.principal - part) <= Decimal("0.005") for i in head)
        assert len({i.principal for i in head}) <= 1
        assert abs(last.principal - part) <= Decimal("0.005") * n
    else:
        assert all(i.principal == 0 for i in head) and last.principal == t.amount
        assert len({i.interest for i in rows}) == 1


@settings(max_examples=200, deadline=None)
@given(loans())
def test_apr_is_the_rate_without_fees_and_above_it_with_them(loan: tuple[LoanTerms, date]) -> None:
    t, start = loan
    worked = plan(t, start)
    if t.fees == 0:
        assert worked.apr == t.annual_rate
    else:
        assert worked.apr > t.annual_rate
    # the APR brackets the IRR of the cash flows, checked with plain float NPVs
    payments = [float(i.payment) for i in worked.instalments]
    in_hand = float(t.amount - t.fees)
    assert npv((float(worked.apr) - 0.0051) / 1200, in_hand, payments) > 0
    assert npv((float(worked.apr) + 0.0051) / 1200, in_hand, payments) < 0


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(1, 60))
def test_due_dates_keep_the_day_or_take_the_month_end(start: date, months: int) -> None:
    due = add_months(start, months)
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == months
    assert due.day == min(start.day, calendar.monthrange(due.year, due.month)[1])


# --- the command -----------------------------------------------------------------------------

runner = CliRunner()


def station_loan(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--data-dir", str(tmp_path / "data"), "loan", "quote", *args])


def test_cli_prints_the_schedule_totals_and_apr(tmp_path: Path) -> None:
    result = station_loan(tmp_path, "--amount", "100000", "--months", "24", "--rate", "3.45", "--method", "等额本息",
                          "--start", "2026-01-31")
    assert result.exit_code == 0, result.output
    assert "年化利率 APR: 3.45 %" in result.output
    assert "2026-02-28" in result.output and "2028-01-31" in result.output
    assert "4,318.05" in result.output and "100,000.00" in result.output and "3,633.29" in result.output


@pytest.mark.parametrize(("alias", "method"), [("annuity", EI), ("equal-principal", EP), ("interest-only", IO),
                                               ("按月付息到期还本", IO)])
def test_cli_json_is_a_loan_offer_the_visit_takes(tmp_path: Path, alias: str, method: RepaymentMethod) -> None:
    result = station_loan(tmp_path, "--amount", "80000", "--months", "12", "--rate", "4.2", "--method", alias,
                          "--fee", "600", "--start", "2026-05-31", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    offer = LoanOffer.from_dict(data)
    assert offer.terms == terms("80000", 12, "4.2", method, "600")
    assert offer.quote == quote(offer.terms, date(2026, 5, 31))
    assert offer.quote.apr > Decimal("4.2")
    assert data["totals"]["principal"] == "80000.00" and data["start"] == "2026-05-31"


@pytest.mark.parametrize(("args", "message"), [
    (["--method", "balloon"], "Unknown repayment method"),
    (["--fee", "100000"], "less than the amount"),
    (["--start", "2026-02-30"], "YYYY-MM-DD"),
    (["--rate", "abc"], "not a number"),
])
def test_cli_bad_input_exits_2_with_a_sentence(tmp_path: Path, args: list[str], message: str) -> None:
    base = {"--amount": "100000", "--months": "24", "--rate": "3.45"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    result = station_loan(tmp_path, *[x for pair in base.items() for x in pair])
    assert result.exit_code == 2
    assert message in result.output
