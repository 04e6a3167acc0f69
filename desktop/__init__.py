"""County health indicators: the headless core (store, services, validation, exchange, reports, CLI)."""

APP_NAME = "county-health-indicators"
APP_TITLE = "县卫生健康指标填报系统"
__version__ = "0.1.0"


def command_name() -> str:
    """How the command line is run, for messages: `chi` in the installed bundle, else `python main.py`."""
    import sys

    return "chi" if getattr(sys, "frozen", False) else "python main.py"
