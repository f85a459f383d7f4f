"""Highlight single characters of a line edit (the ones a reader was unsure of) without changing its text."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QInputMethodEvent, QTextCharFormat
from PySide6.QtWidgets import QLineEdit


def mark_characters(edit: QLineEdit, indexes: Iterable[int], colour: str) -> None:
    """Paint the background of the characters at ``indexes``; an empty list clears the marks.

    Qt draws input-method formats over a line edit's text, which is the one way to style single
    characters of a QLineEdit; the text itself is not changed.
    """
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colour))
    fmt.setFontUnderline(True)
    cursor = edit.cursorPosition()
    attributes = [QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.TextFormat, i - cursor, 1, fmt)
                  for i in sorted(set(indexes)) if 0 <= i < len(edit.text())]
    QCoreApplication.sendEvent(edit, QInputMethodEvent("", attributes))
