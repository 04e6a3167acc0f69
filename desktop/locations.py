"""Where the program keeps things on this computer: the store, its backups and the log (platformdirs).

The store is, in this order: $CHI_DB; the store file chosen at the window's first start (its path is kept
in `store-location.txt` in the user config directory, so the command line uses the same store); else
`indicators.sqlite` in the user data directory. Backups are beside the store (`<store>.backups/`), the log
in the user log directory. On Linux these are ~/.local/share/county-health-indicators/,
~/.config/county-health-indicators/ and ~/.local/state/county-health-indicators/log/; on Windows
%LOCALAPPDATA%\\county-health-indicators\\ (and its Logs folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop import APP_NAME

STORE_NAME = "indicators.sqlite"
POINTER_NAME = "store-location.txt"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    return log_dir() / "desktop.log"


def pointer_file() -> Path:
    return config_dir() / POINTER_NAME


def remembered_store() -> Path | None:
    """The store chosen at the window's first start, or None (no choice made, or the record unreadable)."""
    try:
        text = pointer_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def remember_store(path: Path) -> None:
    """Make `path` the store used without --db (window and command line). A store in the default place
    clears the record instead. Raises OSError when the config directory cannot be written."""
    path = Path(path).absolute()
    pointer = pointer_file()
    if path == data_dir().absolute() / STORE_NAME:
        pointer.unlink(missing_ok=True)
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    tmp = pointer.with_name(pointer.name + ".part")
    tmp.write_text(str(path) + "\n", encoding="utf-8")
    os.replace(tmp, pointer)


def default_store_path() -> Path:
    env = os.environ.get("CHI_DB")
    if env:
        return Path(env)
    return remembered_store() or data_dir() / STORE_NAME


def store_from_environment() -> bool:
    """True when $CHI_DB names the store (the window then neither records nor changes the choice)."""
    return bool(os.environ.get("CHI_DB"))
