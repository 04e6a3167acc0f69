"""The services the window and the command line both call: catalog, regions, values, targets, users, audit."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from desktop import catalog as catalog_res
from desktop import locations, policy
from desktop.auth import hash_password
from desktop.catalog import IndicatorIndex
from desktop.db import audit, backups, repo
from desktop.db import workflow as wdb
from desktop.db.schema import migrate
from desktop.db.store import Store, open_store, refuse_output_file, refuse_store_file, translate
from desktop.db.writes import Locked, ValueWrite, Writer
from desktop.domain import (
    ROLES,
    Dataset,
    Indicator,
    Prior,
    Region,
    RegionYear,
    User,
    ValueChange,
    ValueRecord,
    check_year,
)
from desktop.errors import (
    AppError,
    AuthError,
    DatasetLocked,
    NotAStore,
    PermissionDenied,
    StoreError,
    StoreReadOnly,
    UnknownIndicator,
    UnknownRegion,
)
from desktop.numbers import normalize_text, parse_value
from desktop.phrases import Phrase
from desktop.texts import check_note

if TYPE_CHECKING:
    from desktop.aggregate.service import Aggregate

DEFAULT_USER = "admin"
HOME_REGION_META = "home_region"  # meta key: the office's own region, chosen at the first start


def default_db_path() -> Path:
    """$CHI_DB when set, else the store chosen at the window's first start, else indicators.sqlite in the
    user data directory (platformdirs); see desktop/locations.py."""
    return locations.default_store_path()


def _merge_default_aliases(w: Writer, stored: list[Indicator]) -> None:
    """Add the shipped name variants to an older store's indicators of the same code (for import and
    extraction); an admin's own aliases are kept. Audited, and the catalog version rises, when anything changes."""
    defaults = {i.code: i.aliases for i in catalog_res.read_indicators()}
    changed = []
    for ind in stored:
        extra = [a for a in defaults.get(ind.code, ()) if a not in ind.aliases and a != ind.name]
        if extra:
            changed.append((ind, replace(ind, aliases=ind.aliases + tuple(extra))))
    if not changed:
        return
    w.indicators([new for _, new in changed])
    version = w.bump_catalog_version(catalog_res.CATALOG_VERSION)
    for old, new in changed:
        w.record("catalog", "|".join(old.aliases), "|".join(new.aliases), "init", indicator=old.code,
                 reason=f"合并默认别名（目录版本 {version}）")


class Services:
    """One store, one acting user. Hand it to the window and the CLI; never a global."""

    def __init__(self, store: Store, user: str = DEFAULT_USER):
        self.store = store
        self._catalog_cache: tuple[list[Indicator], IndicatorIndex] | None = None
        self._regions_cache: dict[str, Region] | None = None
        self.user = self._load_user(user)

    # ---- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike | None = None, user: str = DEFAULT_USER, **kw) -> "Services":
        store = open_store(path or default_db_path(), **kw)
        try:
            return cls(store, user)
        except BaseException:
            store.close()
            raise

    @classmethod
    def init(cls, path: str | os.PathLike | None = None, demo: bool = False,
             admin_password: str | None = None) -> "Services":
        """Create or upgrade a store and load the default catalog and regions (kept if already there).

        `admin_password`: a store made now registers admin with it, in the same transaction as the schema
        (the window's first start: no store exists, not even for a moment, with an admin anyone may act as).
        """
        def fill(db) -> None:
            w = Writer(db, DEFAULT_USER)
            if not repo.load_regions(db):
                w.regions(catalog_res.read_regions())
            stored = repo.load_indicators(db)
            if not stored:
                from desktop.db.consistency import _indicator_dict, catalog_digest

                shipped = catalog_res.read_indicators()
                w.indicators(shipped)
                w.meta("catalog_version", catalog_res.CATALOG_VERSION)
                # the catalog a store starts from, in the audit chain: verify replays the catalog from it
                w.record("catalog", None, {"version": catalog_res.CATALOG_VERSION,
                                           "digest": catalog_digest([_indicator_dict(i) for i in shipped])},
                         "init", reason=f"默认指标目录 {catalog_res.CATALOG_VERSION}（{len(shipped)} 个指标）")
            else:
                _merge_default_aliases(w, stored)
            if repo.get_user(db, DEFAULT_USER) is None:
                pw_hash, salt = hash_password(admin_password) if admin_password else (None, None)
                w.put_user(DEFAULT_USER, "admin", pw_hash, salt)
                w.record("user", None, "admin", "init", reason=f"用户 {DEFAULT_USER} 注册")
                if pw_hash is not None:
                    w.password_changed(DEFAULT_USER, pw_hash)
            w.finish()

        # a new store gets its schema and this first content in one transaction (a first start cut off
        # half-way leaves no store without its admin or catalog); an existing one is completed here
        store = open_store(path or default_db_path(), create=True, initial=fill)
        try:
            with store.write() as db:
                fill(db)
            services = cls(store, DEFAULT_USER)
            if demo:
                services.load_demo()
            return services
        except BaseException:
            store.close()
            raise

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Services":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _load_user(self, name: str) -> User:
        with self.store.reading():
            found = repo.get_user(self.store.db, name)
        if found is None:
            raise AuthError(Phrase("未注册的用户：{name}（用 user add 注册）", name=repr(name)))
        return found[0]

    # ---- catalog and regions -----------------------------------------------------------------
    def _catalog(self) -> tuple[list[Indicator], IndicatorIndex]:
        # every catalog edit raises catalog_version: another window or process's edit is seen at the next call
        try:
            version = repo.get_meta(self.store.db, "catalog_version")
        except Exception:  # a closed store: the cached catalog is still right
            version = getattr(self, "_catalog_seen", None)
        if self._catalog_cache is None or version != getattr(self, "_catalog_seen", None):
            with self.store.reading():
                inds = repo.load_indicators(self.store.db)
            self._catalog_cache = (inds, IndicatorIndex(inds))
            self._catalog_seen = version
        return self._catalog_cache

    def invalidate_catalog(self) -> None:
        self._catalog_cache = None

    def indicators(self, include_hidden: bool = False) -> list[Indicator]:
        inds = self._catalog()[0]
        return list(inds) if include_hidden else [i for i in inds if not i.hidden]

    def indicator_index(self) -> IndicatorIndex:
        return self._catalog()[1]

    def indicator(self, code_or_name: str) -> Indicator:
        """The indicator by code or name; raises UnknownIndicator with the nearest names."""
        index = self.indicator_index()
        found = index.find(code_or_name)
        if found is None:
            raise UnknownIndicator(str(code_or_name), index.suggestions(str(code_or_name)))
        return found

    def rules_text(self) -> str | None:
        """The logical rules an admin saved in the store (desktop.catalog_admin.save_rules), or None when
        none was saved: then resources/rules.txt is in force."""
        with self.store.reading() as db:
            found = wdb.current_rule_set(db)
        return found.text if found else None

    def home_region(self) -> str | None:
        """The store's home region (the office's own, chosen at its first start), or None."""
        with self.store.reading() as db:
            return repo.get_meta(db, HOME_REGION_META) or None

    def catalog_version(self) -> str:
        with self.store.reading():
            return repo.get_meta(self.store.db, "catalog_version", catalog_res.CATALOG_VERSION) or ""

    def _region_map(self) -> dict[str, Region]:
        if self._regions_cache is None:
            with self.store.reading():
                self._regions_cache = {r.code: r for r in repo.load_regions(self.store.db)}
        return self._regions_cache

    def regions(self) -> list[Region]:
        return list(self._region_map().values())

    def region(self, code_or_name: str) -> Region:
        """The region by 6-digit code (12-digit codes are cut to 6) or name: exact, else as offices also write it
        (鹿城 for 鹿城区, 温州市龙湾区: desktop.catalog.RegionNames); raises UnknownRegion."""
        key = normalize_text(str(code_or_name))
        regions = self._region_map()
        if key.isdigit() and len(key) == 12 and key[6:] == "000000":
            key = key[:6]
        if key in regions:
            return regions[key]
        for r in regions.values():
            if r.name == key:
                return r
        found = catalog_res.RegionNames(list(regions.values())).find(key)
        if found is None:
            raise UnknownRegion(str(code_or_name))
        return found

    def children(self, code: str) -> list[Region]:
        return [r for r in self._region_map().values() if r.parent_code == code]

    def counties_of(self, code: str) -> list[Region]:
        """The counties under a region (itself if it is a county), in code order."""
        region = self.region(code)
        if region.level == "county":
            return [region]
        out = []
        for child in self.children(region.code):
            out.extend(self.counties_of(child.code))
        return sorted(out, key=lambda r: r.code)

    # ---- reading ----------------------------------------------------------------------------
    def get_region_year(self, region: str, year: int) -> RegionYear:
        """Values, the nearest earlier value per indicator, targets and status of one region-year."""
        reg = self.region(region)
        year = check_year(year)
        db = self.store.db
        with self.store.reading():
            values = repo.values_of(db, reg.code, year)
            earlier = repo.history(db, reg.code, before_year=year)
            targets = repo.targets_of(db, reg.code, year)
            ds = repo.get_dataset(db, reg.code, year)
        prior = {code: Prior(max(by_year), by_year[max(by_year)]) for code, by_year in earlier.items() if by_year}
        return RegionYear(reg, year, ds.status, values, prior, targets, ds.reason)

    def history(self, region: str, indicator: str) -> dict[int, float]:
        reg, ind = self.region(region), self.indicator(indicator)
        with self.store.reading():
            return repo.history(self.store.db, reg.code, indicator=ind.code).get(ind.code, {})

    def dataset(self, region: str, year: int) -> Dataset:
        with self.store.reading():
            return repo.get_dataset(self.store.db, self.region(region).code, check_year(year))

    def statuses(self, year: int) -> dict[str, str]:
        with self.store.reading():
            return repo.statuses_of_year(self.store.db, check_year(year))

    def last_edited_region_year(self) -> tuple[str, int] | None:
        """Where work last happened: the region-year of the newest value (counties first), or None."""
        with self.store.reading():
            return repo.last_edited_region_year(self.store.db)

    def regions_with_values(self, year: int) -> set[str]:
        """Codes of the regions holding at least one value in `year` (the window marks them as begun)."""
        with self.store.reading():
            return repo.regions_with_values(self.store.db, check_year(year))

    # ---- the one write path -----------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[Writer]:
        """One write transaction of the acting user: every change and its audit rows go through the Writer."""
        with self.store.write() as db:
            w = Writer(db, self.user.name, audit.now(), self.label)
            yield w
            w.finish()  # before the commit: a change without an audit row is rolled back (UnauditedWrite)

    def label(self, region: str, year: int) -> str:
        """"瑞安市 2021年": a region-year as messages name it (a Phrase: the window says it in its language)."""
        found = self._region_map().get(region)
        return Phrase("{region} {year}年", region=found.name if found else region, year=year)

    # ---- permissions -------------------------------------------------------------------------
    # Who may do what is desktop.policy; every refusal is itself an audit row (field "denied").
    def require_role(self, *roles: str, action: str, region: str | None = None, year: int | None = None,
                     indicator: str | None = None) -> None:
        if self.user.role not in roles:
            raise self.refuse(PermissionDenied(f"用户 {self.user.name}（{self.user.role}）无权{action}"),
                              action, region, year, indicator)

    def refuse(self, exc: AppError, action: str, region: str | None = None, year: int | None = None,
               indicator: str | None = None) -> AppError:
        """Record a refused action as an audit row (its own transaction) and hand back `exc` to raise."""
        try:
            with self.write() as w:
                w.record("denied", None, None, action, region=region, year=year, indicator=indicator,
                         reason=str(exc))
        except StoreError:
            pass  # a read-only store cannot record it; the refusal itself still stands
        return exc

    def value_lock(self, region: str, year: int) -> DatasetLocked | None:
        """The DatasetLocked a write of values to this region-year would meet now, or None."""
        with self.store.reading() as db:
            status = repo.get_dataset(db, region, year).status
        message = policy.value_lock(status, self.label(region, year))
        return None if message is None else DatasetLocked(message)

    def check_editable(self, region: str, year: int, action: str = "修改数据", indicator: str | None = None) -> None:
        """Raise DatasetLocked (recorded in the audit) when the dataset's status forbids writing values."""
        error = self.value_lock(region, year)
        if error is not None:
            raise self.refuse(error, action, region, year, indicator)

    # ---- writing values ----------------------------------------------------------------------
    def parse_value(self, indicator: str, raw: object, where: str = "") -> float | None:
        ind = self.indicator(indicator)
        return parse_value(raw, ind.unit, where)

    def set_value(self, region: str, year: int, indicator: str, value: object,
                  note: str | None = None, source: str = "cli") -> ValueRecord | None:
        """Write one value (text is parsed) with its audit row in one transaction.

        Raises UnknownRegion, InvalidYear, UnknownIndicator, InvalidValue, DatasetLocked, PermissionDenied.
        """
        ind = self.indicator(indicator)
        parsed = parse_value(value, ind.unit) if isinstance(value, str) or value is None else parse_value(value)
        change = ValueChange(self.region(region).code, check_year(year), ind.code, parsed, note)
        self.apply_changes([change], source)
        with self.store.reading():
            return repo.get_value(self.store.db, change.region, change.year, change.indicator)

    def apply_changes(self, changes: list[ValueChange], source: str, reason: str = "") -> int:
        """Write many values as one transaction, an audit row for each real change; returns how many changed.

        Every change is checked before anything is written: one bad change and nothing is written.
        """
        self.require_role(*policy.EDIT_VALUES, action="修改数据")
        checked = []
        for ch in changes:
            reg = self.region(ch.region)
            ind = self.indicator(ch.indicator)
            year = check_year(ch.year)
            where = Phrase("{region} {year}年 {name}", region=reg.name, year=year, name=ind.name)
            if ch.value is not None:
                parse_value(ch.value, where=where)
            if ch.note is not None:
                check_note(ch.note.strip(), where=where)
            checked.append(ValueChange(reg.code, year, ind.code, None if ch.value is None else float(ch.value),
                                       ch.note))
        try:
            with self.write() as w:
                return w.values([ValueWrite(c.region, c.year, c.indicator, c.value,
                                            None if c.note is None else c.note.strip(), source) for c in checked],
                                 reason)
        except Locked as exc:  # nothing was written; the refusal is recorded in its own transaction
            raise self.refuse(exc, "修改数据", exc.region, exc.year, exc.indicator) from None

    def set_note(self, region: str, year: int, indicator: str, note: str, source: str = "form") -> None:
        reg, ind, y = self.region(region), self.indicator(indicator), check_year(year)
        with self.store.reading():
            old = repo.get_value(self.store.db, reg.code, y, ind.code)
        self.apply_changes([ValueChange(reg.code, y, ind.code, old.value if old else None, note)], source)

    # ---- targets ------------------------------------------------------------------------------
    def set_target(self, region: str, year: int, indicator: str, value: object, source: str = "cli") -> None:
        reg, ind, y = self.region(region), self.indicator(indicator), check_year(year)
        self.require_role(*policy.SET_TARGETS, action="设定目标值", region=reg.code, year=y, indicator=ind.code)
        parsed = parse_value(value, ind.unit) if isinstance(value, str) or value is None else parse_value(value)
        try:
            with self.write() as w:
                w.target(reg.code, y, ind.code, parsed, source)
        except Locked as exc:
            raise self.refuse(exc, "设定目标值", reg.code, y, ind.code) from None

    def targets(self, region: str, year: int) -> dict[str, float]:
        with self.store.reading():
            return repo.targets_of(self.store.db, self.region(region).code, check_year(year))

    # ---- users ----------------------------------------------------------------------------------
    def users(self) -> list[User]:
        with self.store.reading():
            return repo.list_users(self.store.db)

    def add_user(self, name: str, role: str, password: str | None = None) -> User:
        self.require_role(*policy.ADMIN_ONLY, action="添加用户")
        name = (name or "").strip()
        if not name:
            raise AppError(Phrase("用户名不能为空"))
        if role not in ROLES:
            raise AppError(Phrase("角色无效：{role}（应为 clerk、supervisor 或 admin）", role=repr(role)))
        pw_hash, salt = hash_password(password) if password else (None, None)
        with self.write() as w:
            existing = w.user_now(name)  # read under the write lock (desktop.db.locks)
            if existing is not None and password is None:
                pw_hash, salt = existing[1], existing[2]  # a role change keeps the password (workflow.set_password)
            if existing is not None and existing[0].role == "admin" and role != "admin" \
                    and w.admins_now() == [name]:
                raise AppError(Phrase("{name} 是唯一的管理员，不能改为其他角色（先注册另一位管理员）", name=str(name)))
            w.put_user(name, role, pw_hash, salt)
            w.record("user", existing[0].role if existing else None, role, "cli", reason=f"用户 {name}")
            if password:
                w.password_changed(name, pw_hash)
        return User(name, role, pw_hash is not None)

    # ---- audit ----------------------------------------------------------------------------------
    def audit(self, region: str | None = None, year: int | None = None, indicator: str | None = None):
        reg = self.region(region).code if region else None
        y = check_year(year) if year is not None else None
        ind = self.indicator(indicator).code if indicator else None
        with self.store.reading():
            return repo.audit_rows(self.store.db, reg, y, ind)

    def verify_audit(self) -> list[str]:
        with self.store.reading():
            return repo.verify_chain(self.store.db)

    def verify_values(self) -> list[str]:
        """Values or notes that disagree with their last audit row (changed outside the program); [] if none."""
        with self.store.reading():
            from desktop.db import consistency

            return consistency.value_audit_problems(self.store.db)

    def verify_store(self) -> dict[str, list[str]]:
        """Statuses, users and passwords, targets, catalog, rules and submissions against a replay of the
        audit trail (desktop.db.consistency.store_audit_problems); every list empty when all agree."""
        from desktop.db.consistency import store_audit_problems

        with self.store.reading():
            return store_audit_problems(self.store.db)

    def audit_chain_head(self) -> str:
        with self.store.reading():
            return repo.chain_head(self.store.db)

    # ---- backups ----------------------------------------------------------------------------------
    def backup(self, dest: str | os.PathLike | None = None, reason: str = "manual") -> Path:
        """A consistent copy of the store: to `dest`, or a rolling backup beside the store."""
        if dest is None:
            return backups.rolling_backup(self.store.conn, self.store.path, reason)
        dest = Path(dest)
        if dest.resolve() == self.store.path.resolve():
            raise AppError(Phrase("备份文件不能是数据库本身"))
        refuse_output_file(dest, Phrase("作为备份文件写入"))
        if dest.is_dir():
            raise AppError(Phrase("输出路径是一个文件夹：{path}（请给出备份文件名）", path=str(dest)))
        try:
            return backups.copy_to(self.store.conn, dest)
        except OSError as exc:
            raise StoreError(Phrase("无法写入备份文件：{path}（{reason}）",
                                    path=str(dest), reason=exc.strerror or str(exc))) from exc

    def _restore_source(self, source: str | os.PathLike) -> Path:
        source = Path(source)
        if not source.is_file():
            raise AppError(Phrase("备份文件不存在：{source}", source=str(source)))
        refuse_store_file(source, Phrase("作为备份恢复"))
        return source

    def restore_preview(self, source: str | os.PathLike):
        """What restoring `source` would undo (desktop.db.restore.Undone), after checking the backup whole.

        Raises NotAStore naming the file when it is no backup this program can restore. Writes nothing."""
        from desktop.db import restore as restore_db  # not on the window's start path

        self.require_role(*policy.ADMIN_ONLY, action="恢复数据库")
        source = self._restore_source(source)
        restore_db.check_backup(source)
        with self.store.reading():
            return restore_db.what_is_undone(self.store.conn, source)

    def restore(self, source: str | os.PathLike) -> Path:
        """Replace the store's content by a backup file, after backing up the current store.

        The file must be a whole, intact store of this program, not newer than it (desktop.db.restore.
        check_backup, before anything is replaced). The safety backup, the replacement, the upgrade of an older
        backup and the restore's audit row are one write transaction: a value another program saves meanwhile
        is in the safety backup or in the restored store, and a restore killed at any moment leaves the old
        store or the restored one with its audit row. Every error after the safety backup names it.
        Returns the safety backup.
        """
        from desktop.db import restore as restore_db  # not on the window's start path

        self.require_role(*policy.ADMIN_ONLY, action="恢复数据库")
        source = self._restore_source(source)
        if self.store.readonly:
            raise StoreReadOnly(Phrase("数据库以只读方式打开，未恢复：{path}{why}", path=str(self.store.path),
                                       why=Phrase("（{notice}）", notice=self.store.notice) if self.store.notice else ""))
        restore_db.check_backup(source)
        staged = None
        try:
            try:
                staged = restore_db.stage(source, backups.backup_dir(self.store.path))
                # the copy that is restored, checked again (the file may have changed), named as the backup
                restore_db.check_backup(staged, name=source)
            except (OSError, sqlite3.Error) as exc:
                raise StoreError(Phrase("无法复制备份文件，未恢复，数据库未改动：{source}（{reason}）",
                                        source=str(source), reason=str(exc))) from exc
            return self._replace_from(source, staged, restore_db.replace_store, migrate)
        finally:
            restore_db.discard(staged)
            self._catalog_cache = None
            self._regions_cache = None

    def _replace_from(self, source: Path, staged: Path, replace_store, migrate) -> Path:
        from desktop.db import restore as restore_db  # not on the window's start path

        conn = self.store.conn
        safety = None
        try:
            restore_db.attach_staged(conn, staged)
        except sqlite3.Error as exc:
            raise translate(exc, self.store.path) from exc
        try:
            with self.write() as w:
                db = w.db
                # under the write lock from here to the commit: nobody writes between the safety backup
                # and the replacement (a reader's connection makes the backup: committed data only)
                safety = backups.committed_backup(self.store.path, "before-restore")
                restore_db.replace_store(conn)
                migrate(db)  # an older backup upgraded in the same transaction
                bad = restore_db.broken_reference(conn)
                if bad is not None:
                    raise NotAStore(Phrase("恢复后的数据中表 {table} 引用了不存在的记录，未恢复：{source}", table=bad, source=str(source)))
                w.record("restore", None, source.name, "restore",
                         reason=f"从备份 {source} 恢复；恢复前的数据库已备份到 {safety}")
        except AppError as exc:
            if safety is None:
                raise
            said = f"{exc}；数据库未改动，恢复前的备份：{safety}"
            try:
                named = type(exc)(said)
            except TypeError:
                named = StoreError(said)
            raise named from exc
        finally:
            restore_db.detach_staged(conn)
        return safety

    # ---- the upstream office ----------------------------------------------------------------------
    def aggregate_region(self, region: str, year: int, **kw) -> "Aggregate":
        """A city's or the province's figures computed from its counties (desktop.aggregate.service)."""
        from desktop.aggregate import service as aggregate_service

        return aggregate_service.aggregate_region(self, region, year, **kw)

    # ---- demo data ----------------------------------------------------------------------------------
    def load_demo(self) -> int:
        """The demo store: the seed reports' figures and five simulated years of 温州's counties (desktop.demo)."""
        from desktop import demo

        return demo.load_demo(self)
