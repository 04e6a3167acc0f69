"""One value's history: every audit row of it, and a trend chart of the indicator over the years (for a city or
the province also the figure computed from its counties each year, as the 汇总 column shows it)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QSplitter, QTableView, QVBoxLayout

from desktop.ui.audit_dialog import AuditModel
from desktop.ui.screen import resize_within_screen


class HistoryDialog(QDialog):
    def __init__(self, services, region: str, year: int, indicator: str, parent=None):
        super().__init__(parent)
        self.services = services
        reg, ind = services.region(region), services.indicator(indicator)
        self.indicator = ind
        self.setWindowTitle(self.tr("{region} · {name}：历史与趋势").format(region=reg.name, name=ind.name))
        resize_within_screen(self, 900, 620)
        self.series_values = dict(sorted(services.history(reg.code, ind.code).items()))
        self.computed_values: dict[int, float] = {}
        if reg.level != "county":
            from desktop.aggregate.service import computed_history

            self.computed_values = {y: c.value for y, c in computed_history(services, reg.code, ind.code).items()}
        heading = QLabel(self.tr("{region} {name}（{unit}）").format(region=reg.name, name=ind.name, unit=ind.unit))
        heading.setStyleSheet("font-weight: bold;")
        self.chart_view = self._chart(ind)
        self.model = AuditModel(services, services.audit(reg.code, year, ind.code))
        table = QTableView()
        table.setModel(self.model)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((150, 70, 50, 150, 60, 80, 80, 90)):
            table.setColumnWidth(col, width)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart_view)
        splitter.addWidget(table)
        splitter.setSizes([320, 260])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        layout.addWidget(QLabel(self.tr("{year}年该数值的修改记录：{n} 条").format(year=year, n=self.model.rowCount())))
        layout.addWidget(buttons)

    def _chart(self, ind):
        from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis

        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        # the region's own figures; for a city or the province also those computed from its counties (汇总)
        named = [(self.tr("由各县汇总"), self.computed_values), (self.tr("本级填报"), self.series_values)]
        named = [(name, points) for name, points in named if points]
        shown = []
        for name, points in named:
            line, dots = QLineSeries(), QScatterSeries()
            line.setName(name)
            dots.setMarkerSize(8)
            for year, value in points.items():
                line.append(year, value)
                dots.append(year, value)
            chart.addSeries(line)
            chart.addSeries(dots)
            dots.setColor(line.color())
            shown += [line, dots]
        chart.legend().setVisible(bool(self.computed_values))  # a computed line says so
        for marker in chart.legend().markers():  # the dots of a line need no entry of their own
            marker.setVisible(isinstance(marker.series(), QLineSeries))
        ax, ay = QValueAxis(), QValueAxis()
        ax.setLabelFormat("%d")
        ax.setTitleText(self.tr("年份"))
        every = {y: v for _, points in named for y, v in points.items()}
        if every:
            years, values = list(every), list(every.values())
            first, last = min(years) - 1, max(years) + 1
            ax.setRange(first, last)
            # a tick on whole years only: every year, or every few years over a long span
            ax.setTickType(QValueAxis.TickType.TicksDynamic)
            ax.setTickAnchor(first)
            ax.setTickInterval(max(1, -(-(last - first) // 10)))
            lo, hi = min(values), max(values)
            pad = (hi - lo) * 0.15 or abs(hi) * 0.1 or 1
            ay.setRange(lo - pad, hi + pad)
            ay.applyNiceNumbers()  # ticks on round figures (300000, 325000 …), not 313511
        else:
            chart.setTitle(self.tr("尚无任何年份的数值"))
            ax.setVisible(False)
            ay.setVisible(False)
        ay.setLabelFormat(f"%.{min(ind.decimals, 2)}f")
        chart.addAxis(ax, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(ay, Qt.AlignmentFlag.AlignLeft)
        for s in shown:
            s.attachAxis(ax)
            s.attachAxis(ay)
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(220)
        return view
