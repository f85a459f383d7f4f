"""Shared generated cards and one OCR engine per engine kind for the whole vision test session."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date

import numpy as np
import pytest

from station.vision.ocr import OcrEngine, create_engine
from vision.cardgen import Person, invent_person, render_back, render_front

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def holder() -> Person:
    """An adult with a rare character in the name and a check character X."""
    rng = np.random.default_rng(2026)
    p = invent_person(rng, TODAY, check_x=True, long_address=True, ethnicity="土家")
    return Person("张燚" + "堃", p.sex, p.ethnicity, p.birth_date, p.address, p.id_number, p.issuer, p.valid_from,
                  p.valid_to, p.face)


@pytest.fixture(scope="session")
def front_card(holder: Person) -> np.ndarray:
    return render_front(holder, np.random.default_rng(1))


@pytest.fixture(scope="session")
def back_card(holder: Person) -> np.ndarray:
    return render_back(holder, np.random.default_rng(2))


class _NoNetwork:
    """Every attempt to open a connection or resolve a name fails loudly while active."""

    def __enter__(self) -> None:
        self._saved = socket.socket.connect, socket.getaddrinfo, socket.create_connection

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("the OCR engine tried to use the network")

        socket.socket.connect = refuse  # type: ignore[method-assign]
        socket.getaddrinfo = refuse  # type: ignore[assignment]
        socket.create_connection = refuse  # type: ignore[assignment]

    def __exit__(self, *exc: object) -> None:
        socket.socket.connect, socket.getaddrinfo, socket.create_connection = self._saved  # type: ignore[method-assign]


def _loaded(name: str) -> Iterator[OcrEngine]:
    engine = create_engine(name)
    with _NoNetwork():
        engine.warm_up()
    yield engine


@pytest.fixture(scope="session")
def rapid_engine() -> Iterator[OcrEngine]:
    """The default engine, loaded and warmed up with the network blocked."""
    yield from _loaded("rapidocr")


@pytest.fixture(scope="session")
def paddle_engine() -> Iterator[OcrEngine]:
    """The PaddleOCR engine (the paddle extra, installed by scripts/setup.sh --dev), network blocked."""
    yield from _loaded("paddle")
