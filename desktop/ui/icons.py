"""Small icons drawn with QPainter: dataset status and finding severity (no image files to ship)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

ICON_SIZE = 16  # pixels, square

STATUS_COLORS = {
    "empty": "#c8c8c8",
    "draft": "#4a90d9",
    "submitted": "#e6a23c",
    "returned": "#d9534f",
    "approved": "#3c9d40",
}
SEVERITY_COLORS = {"error": "#d9342b", "warning": "#e69500", "info": "#3b7dd8", "cleared": "#8a8a8a"}


def _pixmap(size: int = ICON_SIZE) -> QPixmap:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    return pm


def _status_pixmap(status: str, selected: bool) -> QPixmap:
    pm = _pixmap()
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if selected:
        # on the selection highlight (blue, like a draft) the disc sits on a white one: readable, not tinted
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("white"))
        p.drawEllipse(QPointF(8, 8), 7.8, 7.8)
    color = QColor(STATUS_COLORS.get(status, STATUS_COLORS["empty"]))
    p.setPen(QPen(color.darker(130), 1.2))
    p.setBrush(Qt.BrushStyle.NoBrush if status == "empty" else color)
    p.drawEllipse(2, 2, 12, 12)
    if status == "approved":
        p.setPen(QPen(QColor("white"), 2))
        p.drawPolyline(QPolygonF([QPointF(5, 8), QPointF(7.5, 10.5), QPointF(11, 5.5)]))
    p.end()
    return pm


@lru_cache(maxsize=None)
def status_icon(status: str) -> QIcon:
    """A filled circle in the status colour; a hollow one for a region-year without data. When the item is
    selected the circle is drawn on a white disc (the Selected pixmap), so it stays readable on the highlight."""
    icon = QIcon()
    icon.addPixmap(_status_pixmap(status, False), QIcon.Mode.Normal)
    icon.addPixmap(_status_pixmap(status, True), QIcon.Mode.Selected)
    return icon


@lru_cache(maxsize=None)
def severity_icon(severity: str) -> QIcon:
    """Error: red disc with a cross; warning: amber triangle; info: blue disc; cleared: grey tick."""
    pm = _pixmap()
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(SEVERITY_COLORS.get(severity, "#888888"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    white = QPen(QColor("white"), 2)
    if severity == "warning":
        p.drawPolygon(QPolygonF([QPointF(8, 1.5), QPointF(15, 14.5), QPointF(1, 14.5)]))
        p.setPen(white)
        p.drawLine(QPointF(8, 6), QPointF(8, 10))
        p.drawPoint(QPointF(8, 12.5))
    elif severity == "cleared":
        p.setPen(QPen(color, 2.2))
        p.drawPolyline(QPolygonF([QPointF(3, 8), QPointF(6.5, 12), QPointF(13, 4)]))
    else:
        p.drawEllipse(1, 1, 14, 14)
        p.setPen(white)
        if severity == "error":
            p.drawLine(QPointF(5, 5), QPointF(11, 11))
            p.drawLine(QPointF(11, 5), QPointF(5, 11))
        else:
            p.drawLine(QPointF(8, 7), QPointF(8, 12))
            p.drawPoint(QPointF(8, 4.5))
    p.end()
    return QIcon(pm)
