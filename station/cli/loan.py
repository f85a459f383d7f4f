"""``station loan``: the loan figures a borrower is shown (schedule and APR), without a case."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.panel import Panel
from rich.table import Table

from station.cli.common import JsonOpt, guard, out
from station.core.models import LoanOffer, LoanTerms, RepaymentMethod

if TYPE_CHECKING:
    from station.core.loan import LoanPlan  # the module brings numpy: imported when a command runs

app = typer.Typer(no_args_is_help=True, help="Loan figures: repayment schedules and the APR (年化利率).")


def _decimal(value: Any) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise typer.BadParameter(f"{value!r} is not a number.") from None
    if not number.is_finite():
        raise typer.BadParameter(f"{value!r} is not a number.")
    return number


def _method(value: Any) -> RepaymentMethod:
    from station.core.loan import LoanError, parse_method

    try:
        return parse_method(str(value))
    except LoanError as exc:
        raise typer.BadParameter(str(exc)) from None


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD.") from None


@app.command("quote")
def quote_command(
    amount: Annotated[Decimal, typer.Option(parser=_decimal, help="Principal in CNY, e.g. 100000.")],
    months: Annotated[int, typer.Option(help="Term in months.")],
    rate: Annotated[Decimal, typer.Option(parser=_decimal, help="Nominal yearly rate in percent, e.g. 3.45.")],
    method: Annotated[RepaymentMethod, typer.Option(parser=_method, help=(
        f"Repayment method: {', '.join(RepaymentMethod)}, or annuity, equal-principal, interest-only."
    ))] = "等额本息",  # type: ignore[assignment]
    fee: Annotated[Decimal, typer.Option(
        parser=_decimal, help="One-off fees in CNY paid at drawdown (they raise the APR).")] = "0",  # type: ignore[assignment]
    start: Annotated[date | None, typer.Option(
        parser=_date, help="Drawdown date, YYYY-MM-DD (default: today); payments fall monthly after it.")] = None,
    json_: JsonOpt = False,
) -> None:
    """Print the monthly schedule with its totals, and the APR as PBoC announcement No. 3 (2021) asks."""
    from station.core.loan import plan

    terms = LoanTerms(amount=amount, months=months, annual_rate=rate, method=method, fees=fee)
    worked = guard(lambda: plan(terms, start or date.today()))
    if json_:
        out.print_json(json.dumps(_as_json(worked), ensure_ascii=False))
    else:
        out.print(_table(worked))
        out.print(_summary(worked))


def _as_json(worked: LoanPlan) -> dict[str, Any]:
    """The offer as ``station visit submit CASE loan`` takes it, with the drawdown date and totals beside."""
    from station.core.loan import APR_BASIS

    return {
        **LoanOffer(worked.terms, worked.to_quote()).to_dict(),
        "start": worked.start.isoformat(),
        "totals": {"principal": str(worked.total_principal), "interest": str(worked.total_interest),
                   "fees": str(worked.terms.fees), "payment": str(worked.total_payment),
                   "cost": str(worked.total_cost)},
        "apr_basis": APR_BASIS,
    }


def _table(worked: LoanPlan) -> Table:
    t = worked.terms
    table = Table("期数 period", "还款日 due date", "月供 payment", "本金 principal", "利息 interest",
                  "剩余本金 balance", title=f"还款计划 {RepaymentMethod(t.method).value}: {t.amount:,.2f} CNY, "
                  f"{t.months} months at {t.annual_rate} %")
    for column in table.columns[2:]:
        column.justify = "right"
    for i in worked.instalments:
        table.add_row(str(i.period), i.due_date.isoformat(), f"{i.payment:,.2f}", f"{i.principal:,.2f}",
                      f"{i.interest:,.2f}", f"{i.balance:,.2f}")
    table.add_section()
    table.add_row("合计 total", "", f"{worked.total_payment:,.2f}", f"{worked.total_principal:,.2f}",
                  f"{worked.total_interest:,.2f}", "", style="bold")
    return table


def _summary(worked: LoanPlan) -> Panel:
    from station.core.loan import APR_BASIS

    t = worked.terms
    lines = [
        f"[bold]年化利率 APR: {worked.apr} %[/bold]",
        f"nominal rate {t.annual_rate} % a year; fees {t.fees:,.2f} CNY at drawdown",
        f"total interest {worked.total_interest:,.2f}; total cost (interest + fees) {worked.total_cost:,.2f}; "
        f"total repaid {worked.total_payment:,.2f} CNY",
        APR_BASIS,
    ]
    return Panel("\n".join(lines), title="APR", border_style="bold green", expand=False)
