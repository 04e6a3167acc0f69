"""The region tree: province → cities → counties, each with the dataset status of the chosen year."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from desktop.policy import progress
from desktop.ui import vocabulary
from desktop.ui.icons import status_icon

CODE_ROLE = Qt.ItemDataRole.UserRole


class RegionTree(QTreeWidget):
    region_chosen = Signal(str)
    overview_asked = Signal(str)  # a city or the province double-clicked: its counties' progress

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        self._build()
        self.currentItemChanged.connect(self._changed)
        self.setExpandsOnDoubleClick(False)  # a double-click on a city opens its counties' progress
        self.itemDoubleClicked.connect(self._double_clicked)

    def _build(self) -> None:
        self.clear()
        self.items = {}
        regions = sorted(self.services.regions(), key=lambda r: r.code)
        codes = {r.code for r in regions}
        pending = list(regions)
        # parents first: a region whose parent is not yet placed waits for the next pass
        while pending:
            rest = []
            for r in pending:
                if r.parent_code and r.parent_code in codes and r.parent_code not in self.items:
                    rest.append(r)
                    continue
                item = QTreeWidgetItem([r.name])
                item.setData(0, CODE_ROLE, r.code)
                parent = self.items.get(r.parent_code) if r.parent_code else None
                if parent is not None:
                    parent.addChild(item)
                else:
                    self.addTopLevelItem(item)
                self.items[r.code] = item
            if len(rest) == len(pending):
                break
            pending = rest
        for i in range(self.topLevelItemCount()):
            self.topLevelItem(i).setExpanded(True)
        self.names = {r.code: r.name for r in regions}
        # the counties below each city and the province, for their progress
        self.below = {r.code: [c.code for c in self.services.counties_of(r.code)]
                      for r in regions if r.level != "county"}

    def set_statuses(self, statuses: dict[str, str], year: int, begun: set[str] | frozenset = frozenset()) -> None:
        """Icons for `year`: the dataset status, a draft for a region with values but no status yet, else empty;
        a city or the province also shows how many of its counties are approved ("9/12 已审核")."""
        texts = vocabulary.words("status")  # once, not per region: tr() is slow in PySide (5 per region at start-up)
        tip = self.tr("{code} · {year}年：{status}")
        done_tip = self.tr("所辖 {n} 个县（市、区）中 {done} 个已审核；双击查看各县填报进度")
        for code, item in self.items.items():
            status = statuses.get(code) or ("draft" if code in begun else None)
            item.setIcon(0, status_icon(status or "empty"))
            text = tip.format(code=code, year=year, status=texts.get(status or "empty", status))
            name = self.names.get(code, "")
            if code in self.below:
                done, n = progress(statuses, self.below[code])
                item.setText(0, self.tr("{name}  {done}/{n} 已审核").format(name=name, done=done, n=n))
                text += "\n" + done_tip.format(n=n, done=done)
            item.setToolTip(0, text)

    def status_text(self, status: str | None) -> str:
        return vocabulary.status(status)

    def select(self, code: str) -> bool:
        item = self.items.get(code)
        if item is None:
            return False
        self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    def current_code(self) -> str | None:
        item = self.currentItem()
        return item.data(0, CODE_ROLE) if item else None

    def _double_clicked(self, item, _column) -> None:
        code = item.data(0, CODE_ROLE)
        if code in self.below:
            self.overview_asked.emit(code)

    def _changed(self, item, _previous) -> None:
        if item is not None:
            self.region_chosen.emit(item.data(0, CODE_ROLE))
