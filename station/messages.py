"""What the station says, by id: a :class:`Message` is an id and its arguments, the words are in Fluent
catalogues (``assets/messages/<language>/station.ftl``), English and Chinese.

Check results and errors carry a message, never a sentence; :func:`render` says it in a language. The
CLI and the logs speak English (``str(message)``); the GUI speaks the language :func:`set_language` chose.
An argument may itself be a message, or a tuple of messages and strings (said as a list). Integers
keep Fluent's plural rules and are written without grouping (a year, a port); give an amount or a
measure the code has formatted as a string.

A message id that has no text, or a text that names an argument the message lacks, is reported with a
:class:`MessageWarning` (an error under the tests) and shown as the id with its arguments.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeAlias

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import fluent_number
from fluent.syntax.ast import Junk

from station.assets import asset

LANGUAGES = ("en", "zh-CN")
ENGLISH = "en"
VERBATIM = "verbatim"  # a sentence stored before messages had ids, or text from outside: shown as it is

Arg: TypeAlias = "str | int | float | Message | tuple[str | Message, ...]"


class MessageWarning(UserWarning):
    """A message that cannot be said as written: an unknown id, or an argument its text names is missing."""


@dataclass(frozen=True)
class Message:
    """Something the station says: a catalogue id and the arguments its text names."""

    id: str
    args: Mapping[str, Arg] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self)

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted(self.args.items()))))

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe: nested messages as dicts, lists for tuples."""
        return {"id": self.id, "args": {k: _dump(v) for k, v in self.args.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        return cls(data["id"], {k: _load(v) for k, v in data.get("args", {}).items()})


def verbatim(text: str) -> Message:
    """A sentence with no id (an old record, text from a library), shown as it is in every language."""
    return Message(VERBATIM, {"text": text})


_language = ENGLISH


def set_language(language: str) -> None:
    """The language the GUI speaks from now on (``zh_CN``/``zh-CN`` or ``en``)."""
    global _language
    _language = _normalise(language)


def current_language() -> str:
    """The language :func:`set_language` chose (English until then)."""
    return _language


def render(message: Message, language: str = ENGLISH) -> str:
    """``message`` in ``language`` (Chinese falls back to English for an id it lacks)."""
    lang = _normalise(language)
    for candidate in dict.fromkeys((lang, ENGLISH)):
        bundle = _bundle(candidate)
        if bundle.has_message(message.id):
            pattern = bundle.get_message(message.id).value
            args = {k: _fluent(v, lang) for k, v in message.args.items()}
            text, errors = bundle.format_pattern(pattern, args)
            for error in errors:
                warnings.warn(f"{message.id} in {candidate}: {error}", MessageWarning, stacklevel=2)
            return str(text)
    warnings.warn(f"no text for the message id {message.id!r}", MessageWarning, stacklevel=2)
    shown = ", ".join(f"{k}={_fluent(v, lang)}" for k, v in message.args.items())
    return f"{message.id} ({shown})" if shown else message.id


def catalogue_file(language: str) -> Path:
    """The path of ``language``'s catalogue."""
    return asset("messages", _normalise(language), "station.ftl")


@cache
def _bundle(language: str) -> FluentBundle:
    resource = FluentResource(catalogue_file(language).read_text(encoding="utf-8"))
    for junk in (e for e in resource.body if isinstance(e, Junk)):
        warnings.warn(f"{language} catalogue: cannot parse {junk.content.strip()[:60]!r}", MessageWarning,
                      stacklevel=2)
    bundle = FluentBundle([language], use_isolating=False)
    bundle.add_resource(resource)
    return bundle


def _normalise(language: str) -> str:
    lang = language.replace("_", "-")
    return lang if lang in LANGUAGES else ENGLISH


def _fluent(value: Arg, language: str) -> Any:
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, tuple):
        separator = render(Message("list-separator"), language)
        return separator.join(render(v, language) if isinstance(v, Message) else v for v in value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fluent_number(value, useGrouping=False)
    return str(value)


def _dump(value: Arg) -> Any:
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_dump(v) for v in value]
    return value


def _load(value: Any) -> Arg:
    if isinstance(value, dict):
        return Message.from_dict(value)
    if isinstance(value, list):
        return tuple(_load(v) for v in value)
    return value
