"""The station's look: large type and touch-sized controls, readable from 1366x768 up to high DPI.

Sizes are in points and logical pixels, so Qt's high-DPI scaling keeps them the same physical size.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

TOUCH = 44
"""Minimum height of a control a finger must hit (logical pixels)."""

STYLE = f"""
QWidget {{ font-size: 12pt; }}
QPushButton, QToolButton {{ min-height: {TOUCH}px; padding: 0 18px; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit {{ min-height: {TOUCH - 8}px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 26px; height: 26px; }}
QListWidget::item {{ min-height: {TOUCH - 4}px; }}
QPushButton[primary="true"] {{ background: #1f6feb; color: white; font-weight: bold; border-radius: 6px; }}
QPushButton[primary="true"]:disabled {{ background: #9bb8e8; }}
QLabel[role="title"] {{ font-size: 18pt; font-weight: bold; }}
QLabel[role="big"] {{ font-size: 26pt; font-weight: bold; color: #0b3d91; }}
QLabel[role="error"] {{ color: #b00020; }}
QLabel[role="hint"] {{ color: #555; }}
QLabel[role="demo"] {{ color: #8a5a00; background: #fff4d6; padding: 6px; }}
"""

DOUBTFUL = "#ffe08a"
"""Background of a character the reader was unsure of."""
INVALID = "#ffd6d6"
"""Background of a field whose check failed."""
STATUS_COLOURS = {"pass": "#1a7f37", "warn": "#9a6700", "fail": "#b00020"}


def apply_theme(app: QApplication) -> None:
    """Large default font with a CJK family first, and the style sheet above."""
    font = QFont(app.font())
    font.setFamilies(["Noto Sans CJK SC", "WenQuanYi Micro Hei", *font.families()])
    font.setPointSize(12)
    app.setFont(font)
    app.setStyleSheet(STYLE)
