"""Messages by id: every id the code says has English and Chinese text naming only the arguments the code
passes, the code passes no argument the English does not use, and the catalogues parse."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax.ast import Junk, VariableReference
from fluent.syntax.ast import Message as FtlMessage
from fluent.syntax.visitor import Visitor

from station.core.checks import CheckResult, CheckStatus, failed, passed
from station.errors import SigningError, StampTextError
from station.messages import LANGUAGES, Message, MessageWarning, catalogue_file, render, verbatim

STATION = Path(__file__).resolve().parents[1] / "station"
_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_CHECK_HELPERS = {"passed": 1, "warned": 1, "failed": 1}  # the position of the message id


@dataclass(frozen=True)
class Use:
    """A literal message id in the code, with the argument names passed (None when not all are literal)."""

    id: str
    args: frozenset[str] | None
    where: str


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: VariableReference) -> None:  # noqa: N802 - the visitor's naming
        self.names.add(node.id.name)


@cache
def _catalogue(language: str) -> dict[str, set[str]]:
    """Each message id of a catalogue with the variables its text names."""
    resource = FluentParser().parse(catalogue_file(language).read_text(encoding="utf-8"))
    junk = [e.content for e in resource.body if isinstance(e, Junk)]
    assert junk == [], f"{language}: unparsable entries"
    found = {}
    for entry in resource.body:
        if isinstance(entry, FtlMessage):
            names = _Variables()
            names.visit(entry)
            found[entry.id.name] = names.names
    return found


def _trees() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(STATION.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _errors(trees: list[tuple[Path, ast.Module]]) -> dict[str, set[str]]:
    """StationError and its subclasses, each with the keyword-only parameters of its own ``__init__``
    (``unreadable=``: not message arguments)."""
    classes = {"StationError": set[str]()}
    grew = True
    while grew:
        grew = False
        for _, tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in classes and any(
                        isinstance(b, ast.Name) and b.id in classes for b in node.bases):
                    init = next((f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"),
                                None)
                    classes[node.name] = {a.arg for a in init.args.kwonlyargs} if init else set()
                    grew = True
    return classes


def _ids(node: ast.expr) -> list[str] | None:
    """The literal id(s) of an argument: a string, or either branch of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _ID.fullmatch(node.value):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _ids(node.body), _ids(node.orelse)
        return body + orelse if body and orelse else None
    return None


def _keys(node: ast.expr | None) -> frozenset[str] | None:
    if node is None:
        return frozenset()
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.keys):
        return frozenset(k.value for k in node.keys)  # type: ignore[union-attr]
    return None


@cache
def uses() -> tuple[Use, ...]:
    """Every literal message id in station/: errors, check helpers, ``Message(...)``, ``super().__init__``."""
    trees = list(_trees())
    errors = _errors(trees)
    found = []
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            where = f"{path.relative_to(STATION.parent)}:{node.lineno}"
            if name in errors or name == "__init__":
                if not node.args or (ids := _ids(node.args[0])) is None:
                    continue
                skip = errors.get(name, set())
                kwargs = [k.arg for k in node.keywords]
                args = None if None in kwargs else frozenset(k for k in kwargs if k not in skip)
            elif name in _CHECK_HELPERS or name == "Message":
                at = _CHECK_HELPERS.get(name, 0)
                if len(node.args) <= at or (ids := _ids(node.args[at])) is None:
                    continue
                args = _keys(node.args[at + 1] if len(node.args) > at + 1 else None)
            else:
                continue
            found += [Use(i, args, where) for i in ids]
    return tuple(found)


def test_the_scan_finds_the_code_s_messages():
    used = {u.id for u in uses()}
    assert {"id-number-length", "holder-under-age", "signin-wrong", "store-disk-full", "liveness-blink",
            "certificate-refused", "capture-hold-still", "stamp-text-refused"} <= used
    assert len(used) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_id_the_code_uses_has_text(language):
    texts = _catalogue(language)
    assert sorted({f"{u.id} ({u.where})" for u in uses() if u.id not in texts}) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_names_an_argument_the_code_does_not_pass(language):
    texts = _catalogue(language)
    wrong = [f"{u.id} ({u.where}): {sorted(texts[u.id] - u.args)}" for u in uses()
             if u.args is not None and u.id in texts and texts[u.id] - u.args]
    assert wrong == []


def test_the_code_passes_no_argument_the_english_does_not_use():
    english = _catalogue("en")
    unused = [f"{u.id} ({u.where}): {sorted(u.args - english[u.id])}" for u in uses()
              if u.args is not None and u.id in english and u.args - english[u.id]]
    assert unused == []


def test_the_catalogues_hold_the_same_ids_and_no_unused_one():
    english, chinese = _catalogue("en"), _catalogue("zh-CN")
    assert set(english) == set(chinese)
    assert [i for i in english if not chinese[i] <= english[i]] == []  # Chinese names no other argument
    said = {u.id for u in uses()} | {n.value for _, tree in _trees() for n in ast.walk(tree)
                                     if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert sorted(set(english) - said) == []


def test_a_message_is_said_in_either_language_and_keeps_its_arguments():
    message = Message("holder-under-age", {"age": 16, "min_age": 18})
    assert str(message) == "The holder is 16, under the minimum age of 18."
    assert render(message, "zh_CN") == "持证人 16 岁，低于最低年龄 18 岁。"
    assert render(Message("numbers-exhausted", {"count": 99999, "range": "62"})).startswith(
        "This station has used all 99999 numbers")  # no grouping separator in an integer
    nested = Message("documents-missing", {"kinds": (Message("document-kind", {"kind": "loan_contract"}),
                                                     Message("document-kind", {"kind": "credit_authorization"}))})
    assert render(nested, "zh-CN") == "缺少文件：借款合同、征信查询授权书。请重新生成。"
    assert Message.from_dict(nested.to_dict()) == nested


def test_an_unknown_id_or_a_missing_argument_is_a_warning_and_shows_the_id():
    with pytest.warns(MessageWarning, match="no text"):
        assert render(Message("no-such-message", {"n": 3})) == "no-such-message (n=3)"
    with pytest.warns(MessageWarning, match="holder-under-age"):
        render(Message("holder-under-age", {"age": 16}))


def test_errors_and_checks_carry_messages_and_speak_english():
    error = SigningError("sign-no-field", file="loan_contract.pdf", field="bank")
    assert error.message == Message("sign-no-field", {"file": "loan_contract.pdf", "field": "bank"})
    assert str(error) == "loan_contract.pdf has no 'bank' signature field; generate the documents again"
    check = failed("card.glyphs", "glyphs-ok")
    assert str(StampTextError(check)) == "The document fonts can draw every character. Nothing was signed."
    result = passed("holder.adult", "holder-of-age", {"age": 30, "min_age": 18}, age=30)
    stored = result.to_dict()
    assert stored["reason"] == result.reason == "The holder is 30, at least the minimum age of 18."
    assert CheckResult.from_dict(stored) == result


def test_a_result_stored_before_messages_had_ids_loads_with_its_sentence():
    old = {"name": "holder.adult", "status": "pass", "reason": "The holder is 30.", "figures": {"age": 30}}
    loaded = CheckResult.from_dict(old)
    assert loaded.status is CheckStatus.PASS and loaded.message == verbatim("The holder is 30.")
    assert render(loaded.message, "zh-CN") == loaded.reason == "The holder is 30."
