"""Loan maths: repayment schedules for the three methods, and the APR (年化利率) with fees.

Money is :class:`~decimal.Decimal` throughout, in CNY, held to the fen (0.01). The rounding rule:

- the monthly rate is ``r = annual_rate / 100 / 12``, never rounded;
- each period's interest is ``balance × r`` rounded to the fen, ROUND_HALF_UP (the balance owed at the
  start of the period);
- 等额本息: the instalment ``M = P·r(1+r)^n / ((1+r)^n − 1)`` (``numpy_financial.pmt`` on Decimals) is
  rounded to the fen, ROUND_HALF_UP, and each period's principal is ``M − interest``;
- 等额本金: each period's principal is ``P / n`` rounded to the fen, ROUND_HALF_UP;
- 按月付息到期还本: interest only, the whole principal in the last period;
- the LAST period repays whatever balance is left, so it absorbs the rounding: the principal parts add
  up to the principal exactly, and the last payment may differ from the others by a few fen (up to a
  few tens of fen for long terms at high rates, since the instalment's rounding compounds).
  No period repays more principal than is owed.

Due dates fall monthly after the drawdown date on the same day of the month, or on the last day of a
shorter month, always counted from the drawdown date so they never drift: a loan drawn on 31 January
is due on 28 (or 29) February, 31 March, 30 April, 31 May...

The APR follows the People's Bank of China announcement No. 3 of 2021: all interest and fees over the
principal actually in use, as an internal rate of return. ``fees`` (LoanTerms) are one-off and paid at
drawdown, so the borrower has ``amount − fees`` in hand at month 0 and then pays the schedule. The
monthly IRR of these cash flows (``numpy_financial.irr``) is annualised by the simple method, × 12:
the announcement allows simple or compound annualisation, and × 12 is the common Chinese convention
for 年化利率 and the one under which a loan without fees shows its contract rate (a compound APR
would show 3.51 % for a 3.45 % loan and look like a hidden cost). The APR is rounded to 0.01 %,
ROUND_HALF_UP. :data:`APR_BASIS` says this in the words a contract can print.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

import numpy as np
import numpy_financial as npf

from station.core.models import LoanOffer, LoanQuote, LoanTerms, RepaymentMethod
from station.errors import StationError
from station.messages import Message

FEN = Decimal("0.01")
MAX_AMOUNT = Decimal("1e12")  # the maths' range (not a product limit): keeps every figure well within _MONEY
MAX_MONTHS = 120  # ten years: well past the product's 60 months; npf.irr (polynomial roots) slows beyond
APR_BASIS = "年化利率按内部收益率法（IRR）计算，含全部利息及费用，月内部收益率乘以12（单利年化）。"
"""How the APR is worked out, for the contract (PBoC announcement No. 3 of 2021 asks for the method)."""

METHOD_ALIASES: dict[str, RepaymentMethod] = {
    **{m.value: m for m in RepaymentMethod},
    "annuity": RepaymentMethod.EQUAL_INSTALMENT,
    "equal-instalment": RepaymentMethod.EQUAL_INSTALMENT,
    "equal-principal": RepaymentMethod.EQUAL_PRINCIPAL,
    "interest-only": RepaymentMethod.INTEREST_ONLY,
}
"""Names a repayment method goes by: the Chinese name and short English aliases."""

_MONEY = Context(prec=34)  # ample for (1 + r)^n; rounding to the fen is always explicit


class LoanError(StationError):
    """Loan terms the maths cannot work with (a negative amount, fees eating the whole loan...)."""


@dataclass(frozen=True)
class Instalment:
    """One month of the schedule; ``balance`` is what is still owed after this payment."""

    period: int
    due_date: date
    payment: Decimal
    principal: Decimal
    interest: Decimal
    balance: Decimal

    def as_row(self) -> dict[str, str]:
        """The row as :class:`LoanQuote` carries it: ISO date, amounts as plain ``1234.56`` strings."""
        return {"period": str(self.period), "due_date": self.due_date.isoformat(), "payment": str(self.payment),
                "principal": str(self.principal), "interest": str(self.interest), "balance": str(self.balance)}


@dataclass(frozen=True)
class LoanPlan:
    """The whole loan worked out: terms, drawdown date, schedule, totals and APR (percent)."""

    terms: LoanTerms
    start: date
    instalments: tuple[Instalment, ...]
    apr: Decimal

    @property
    def monthly_rate(self) -> Decimal:
        return monthly_rate(self.terms.annual_rate)

    @property
    def total_principal(self) -> Decimal:
        return sum((i.principal for i in self.instalments), Decimal("0.00"))

    @property
    def total_interest(self) -> Decimal:
        return sum((i.interest for i in self.instalments), Decimal("0.00"))

    @property
    def total_payment(self) -> Decimal:
        return sum((i.payment for i in self.instalments), Decimal("0.00"))

    @property
    def total_cost(self) -> Decimal:
        """Interest and fees: what the loan costs the borrower."""
        return self.total_interest + self.terms.fees

    @property
    def first_payment(self) -> Decimal:
        return self.instalments[0].payment

    def to_quote(self) -> LoanQuote:
        """The figures shown to the borrower, as the core model."""
        return LoanQuote(apr=self.apr, total_interest=self.total_interest, first_payment=self.first_payment,
                         schedule=[i.as_row() for i in self.instalments])


def parse_method(name: str) -> RepaymentMethod:
    """A repayment method from its Chinese name or an English alias (see :data:`METHOD_ALIASES`)."""
    method = METHOD_ALIASES.get(name.strip().lower())
    if method is None:
        raise LoanError("loan-unknown-method", method=repr(name), methods=", ".join(METHOD_ALIASES))
    return method


def to_fen(amount: Decimal) -> Decimal:
    """``amount`` rounded to the fen, half up (the one rounding rule for money here)."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def monthly_rate(annual_rate: Decimal) -> Decimal:
    """The monthly rate as a fraction, unrounded: 3.45 (percent a year) -> 0.002875."""
    with localcontext(_MONEY):
        return annual_rate / Decimal(1200)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, on the last day of the month when that month is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def equal_instalment(amount: Decimal, months: int, annual_rate: Decimal) -> Decimal:
    """The 等额本息 monthly payment ``P·r(1+r)^n / ((1+r)^n − 1)``, rounded to the fen."""
    with localcontext(_MONEY):
        return to_fen(-npf.pmt(monthly_rate(annual_rate), months, amount))


def schedule(terms: LoanTerms, start: date) -> tuple[Instalment, ...]:
    """The monthly schedule of a loan drawn on ``start`` (rounding rule: see the module docstring)."""
    check_terms(terms)
    if (start.year - date.max.year) * 12 + start.month + terms.months > date.max.month:
        raise LoanError("loan-past-calendar", start=start.isoformat())
    method, n, r = RepaymentMethod(terms.method), terms.months, monthly_rate(terms.annual_rate)
    zero = Decimal("0.00")
    rows: list[Instalment] = []
    with localcontext(_MONEY):
        balance = terms.amount.quantize(FEN)
        instalment = equal_instalment(balance, n, terms.annual_rate)  # 等额本息: the fixed payment
        part = to_fen(balance / n)  # 等额本金: the fixed principal part
        for k in range(1, n + 1):
            interest = to_fen(balance * r)
            if k == n:
                principal = balance
            elif method is RepaymentMethod.EQUAL_INSTALMENT:
                principal = min(max(instalment - interest, zero), balance)
            elif method is RepaymentMethod.EQUAL_PRINCIPAL:
                principal = min(part, balance)
            else:
                principal = zero
            balance -= principal
            rows.append(Instalment(k, add_months(start, k), principal + interest, principal, interest, balance))
    return tuple(rows)


def annual_percentage_rate(in_hand: Decimal, payments: Sequence[Decimal]) -> Decimal:
    """The APR in percent: monthly IRR of ``-in_hand, payments...`` × 12, rounded to 0.01 % half up."""
    flows = np.array([-float(in_hand), *(float(x) for x in payments)])
    irr = npf.irr(flows)
    if not np.isfinite(irr):
        raise LoanError("loan-apr-unsolvable")
    apr = (Decimal(irr) * 1200).quantize(FEN, rounding=ROUND_HALF_UP)
    return apr + 0  # a solver's -1e-17 for a free loan rounds to -0.00; adding 0 makes it 0.00


def plan(terms: LoanTerms, start: date) -> LoanPlan:
    """The schedule, totals and APR of a loan drawn on ``start``."""
    rows = schedule(terms, start)
    apr = annual_percentage_rate(terms.amount - terms.fees, [row.payment for row in rows])
    return LoanPlan(terms, start, rows, apr)


def quote(terms: LoanTerms, start: date) -> LoanQuote:
    """The figures shown to the borrower before signing (APR, total interest, first payment, schedule)."""
    return plan(terms, start).to_quote()


def offer(terms: LoanTerms, start: date) -> LoanOffer:
    """The loan step's record: the terms with the figures the station worked out for them, drawn on ``start``."""
    return LoanOffer(terms, quote(terms, start), start)


def check_terms(terms: LoanTerms) -> None:
    """Refuse terms the maths cannot use, with a sentence saying what to fix (product limits are the visit's)."""
    figures = {"amount": terms.amount, "fees": terms.fees, "rate": terms.annual_rate}
    for label, value in figures.items():
        if not isinstance(value, Decimal) or not value.is_finite():
            raise LoanError("loan-not-a-number", figure=Message("loan-figure", {"figure": label}), value=repr(value))
    if not 0 < terms.amount < MAX_AMOUNT:
        raise LoanError("loan-amount-invalid", max=f"{MAX_AMOUNT:,.0f}", amount=str(terms.amount))
    if not 0 <= terms.fees < terms.amount:
        raise LoanError("loan-fees-invalid", fees=str(terms.fees), amount=str(terms.amount))
    for label in ("amount", "fees"):
        if figures[label] != figures[label].quantize(FEN):
            raise LoanError("loan-not-whole-fen", figure=Message("loan-figure", {"figure": label}),
                            value=str(figures[label]))
    if not 0 <= terms.annual_rate < 100:
        raise LoanError("loan-rate-invalid", rate=str(terms.annual_rate))
    if not 1 <= terms.months <= MAX_MONTHS:
        raise LoanError("loan-term-invalid", max_months=MAX_MONTHS, months=terms.months)
    if terms.method not in set(RepaymentMethod):
        raise LoanError("loan-unknown-method", method=repr(terms.method), methods=", ".join(RepaymentMethod))
