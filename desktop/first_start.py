"""The first start on a computer without a store, and what 帮助 → 关于 tells: no Qt here.

Three ways in: a new empty store for one county (it becomes the store's home region, where the window
opens), the demo data, or an existing store file. A new store gets admin's password in the same
transaction as its schema; an existing store whose admins have no password gets one before it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop import __version__, locations, policy
from desktop import catalog as catalog_res
from desktop.db import backups
from desktop.db.schema import SCHEMA_VERSION, user_version
from desktop.errors import AppError, StoreError, StoreMissing
from desktop.phrases import Phrase, enumeration
from desktop.services import HOME_REGION_META, Services
from desktop.workflow import set_password

MIN_PASSWORD = 6
HOME_REGION_KEY = HOME_REGION_META
CHOICES = ("new", "demo", "existing")


def check_new_password(password: str, again: str) -> str:
    """The password when it is usable; raises AppError saying what is wrong with it."""
    if not password:
        raise AppError(Phrase("请为管理员 admin 设定密码：不设密码，任何人都能以管理员身份修改数据。"))
    if len(password) < MIN_PASSWORD:
        raise AppError(Phrase("密码太短：至少 {n} 个字符。", n=str(MIN_PASSWORD)))
    if password != password.strip():
        raise AppError(Phrase("密码的开头或结尾不能是空格。"))
    if password != again:
        raise AppError(Phrase("两次输入的密码不一致，请重新输入。"))
    return password


def store_exists(path: Path) -> bool:
    """True when `path` is a file with content (a store, or something the opening will judge)."""
    path = Path(path)
    return path.is_file() and path.stat().st_size > 0


def create_store(path: Path, *, password: str, again: str, county: str | None = None, demo: bool = False):
    """Make a new store at `path` with admin's password; `county` (code or name) becomes its home region.

    Returns Services acting as admin. Raises AppError (password, county, a file already there) or
    StoreError; nothing is left behind when the password or county is refused.
    """
    check_new_password(password, again)
    path = Path(path)
    if store_exists(path) and not _unfinished(path):
        raise AppError(Phrase("该位置已有文件，未覆盖：{path}。请选择“打开已有的数据库文件”，或换一个位置。", path=str(path)))
    region = None
    if county:
        matches = [r for r in catalog_res.read_regions() if county in (r.code, r.name)]
        if not matches:
            raise AppError(Phrase("未知的地区：{county}", county=county))
        region = matches[0]
    elif not demo:
        raise AppError(Phrase("请选择本单位所在的县（市、区）。"))
    services = Services.init(path, demo=demo, admin_password=password)
    try:
        if region is not None:
            set_home_region(services, region.code)
    except BaseException:
        services.close()
        raise
    return services


def _unfinished(path: Path) -> bool:
    """True for a database file without the program's schema (a first start cut off before its transaction)."""
    try:
        Services.open(path, readonly=True, migrate_store=False).close()
    except StoreMissing:
        return True
    except StoreError:
        return False
    return False


@dataclass(frozen=True)
class StoreCheck:
    """What the first start found in an existing store file."""

    path: Path
    regions: int
    users: int
    open_admins: tuple[str, ...]  # admins without a password: they get one before the store is used
    readonly_notice: str | None


def inspect_store(path: Path) -> StoreCheck:
    """Open an existing store as the program does (an older one is upgraded, after a backup) and say what it
    holds. Raises StoreError (missing, damaged, not a store of this program, too new) with the store's own
    Chinese message."""
    path = Path(path)
    if not store_exists(path):
        raise StoreError(Phrase("文件不存在或是空文件：{path}", path=str(path)))
    services = Services.open(path)
    try:
        users = services.users()
        return StoreCheck(path, len(services.regions()), len(users),
                          tuple(u.name for u in users if u.role == "admin" and not u.has_password),
                          services.store.notice)
    finally:
        services.close()


def open_existing(path: Path, *, password: str | None = None, again: str | None = None):
    """Services on an existing store. Admins without a password get `password` first (checked as a new
    one); when there are such admins and no password is given, raises AppError and nothing is written."""
    check = inspect_store(path)
    if check.open_admins:
        check_new_password(password or "", again or "")
    services = Services.open(path)
    try:
        if check.open_admins:
            if services.store.readonly:
                raise AppError(Phrase("数据库只读，无法为管理员 {names} 设定密码：{path}",
                                      names=enumeration(check.open_admins), path=str(path)))
            for name in check.open_admins:
                set_password(services, name, password)
        return services
    except BaseException:
        services.close()
        raise


def home_region(services) -> str | None:
    """The region the window opens on for this store (chosen at its first start), or None."""
    return services.home_region()


def set_home_region(services, code: str, source: str = "init") -> None:
    """Make `code` the store's home region (admin only; a region of the catalog), with its audit row."""
    region = services.region(code)
    services.require_role(*policy.ADMIN_ONLY, action="设定本单位地区")
    with services.write() as w:
        old = w.meta_now(HOME_REGION_KEY)
        if old == region.code:
            return
        w.meta(HOME_REGION_KEY, region.code)
        # whose county the store is decides what its users may do (workflow.is_own_county): a change is audited
        w.record("home", old, region.code, source, region=region.code, reason=f"本单位地区设为{region.name}")


def about(services) -> dict:
    """What 帮助 → 关于 shows and `about --json` prints: version, store, catalog, backups, log."""
    with services.store.reading() as db:
        schema = user_version(db)
    home = home_region(services)
    return {
        "version": __version__,
        "store": str(services.store.path),
        "catalog_version": services.catalog_version(),
        "schema_version": schema,
        "program_schema_version": SCHEMA_VERSION,
        "backups": str(backups.backup_dir(services.store.path)),
        "backup_count": len(backups.list_backups(services.store.path)),
        "log": str(locations.log_file()),
        "home_region": home,
        "readonly": services.store.readonly,
    }
