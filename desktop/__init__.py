"""County health indicators: the headless core (store, services, validation, exchange, reports, CLI)."""

APP_NAME = "county-health-indicators"
APP_TITLE = "县卫生健康指标填报系统"
__version__ = "0.1.0"
