"""The one write path: a Writer holds one write transaction, the acting user and a time stamp, and writes
each change with its audit rows.

Every writer (the form, paste, import, extraction, the workflow, catalog and user administration) gets a
Writer from `Services.write()`; `Services.init` builds one over the first transaction of a new store.
The status locks of desktop.policy are applied here, inside the transaction, after the statuses are read
(desktop.db.locks), so no submission or approval slips in between the check and the write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from desktop import policy
from desktop.db import absent, audit, locks, repo
from desktop.db import workflow as wdb
from desktop.db.connection import Db as Database
from desktop.domain import STATUS_NAMES, Absence, Dataset, Indicator, Region, ValueRecord, next_version
from desktop.errors import DatasetLocked, WorkflowError
from desktop.phrases import Phrase, Word

KEEP = object()  # ValueWrite.value: keep the stored value, change only the note (an import's note-only cell)


@dataclass(frozen=True)
class ValueWrite:
    """One value and note to write. value KEEP keeps the stored value; note None keeps the stored note."""

    region: str
    year: int
    indicator: str
    value: object
    note: str | None
    source: str


class Locked(DatasetLocked):
    """A write refused by a status lock; names the region-year (and the indicator when only one was asked)."""

    def __init__(self, message: str, region: str, year: int, indicator: str | None = None):
        super().__init__(message)
        self.region, self.year, self.indicator = region, year, indicator


def _plain_label(region: str, year: int) -> str:
    return Phrase("{region} {year}年", region=region, year=year)


class UnauditedWrite(RuntimeError):
    """A transaction that changed rows without writing a single audit row: a fault of the program, not of the
    user's input. Raised before the commit, so the transaction is rolled back and nothing of it is stored."""


class Writer:
    """One write transaction of one user. Build it only inside `store.write()` (see Services.write), and call
    `finish()` before the transaction commits: a transaction that changed rows and wrote no audit row is
    refused there (UnauditedWrite), so no change reaches the store without a trace in the audit chain."""

    def __init__(self, db: Database, user: str, stamp: str | None = None,
                 label: Callable[[str, int], str] = _plain_label):
        self.db = db
        self.user = user
        self.stamp = stamp or audit.now()
        self.label = label
        self.changed: list[str] = []  # the kinds of rows this transaction wrote, in order
        self.audited = 0  # the audit rows it wrote

    def _wrote(self, kind: str) -> None:
        if kind not in self.changed:
            self.changed.append(kind)

    def finish(self) -> None:
        """Check, before the commit, that a transaction that changed rows wrote at least one audit row."""
        if self.changed and not self.audited:
            raise UnauditedWrite(f"写入了 {'、'.join(self.changed)}，却没有一条审计记录：本次写入已撤销")

    # ---- audit rows of any kind ----------------------------------------------------------------------
    def record(self, field: str, old: object, new: object, source: str, *, region: str | None = None,
               year: int | None = None, indicator: str | None = None, reason: str = "",
               at: str | None = None, user: str | None = None) -> None:
        """One audit row (a refusal, a log-in failure, a catalog, rules, user or restore change)."""
        audit.add(self.db, user=user or self.user, field=field, old=old, new=new, source=source, region=region,
                  year=year, indicator=indicator, reason=reason, at=at)
        self.audited += 1

    def password_changed(self, name: str, pw_hash: str | None) -> None:
        """The audit row of a password set or removed: a digest of the stored hash (verify compares it; the
        secret and the hash itself are never in the audit)."""
        from desktop.db import consistency  # the replay of the audit trail: not needed to open the store

        self.record("user", None, consistency.password_digest(pw_hash), "password",
                    reason=f"用户 {name} 的密码已{'设定' if pw_hash else '取消'}")

    # ---- users ------------------------------------------------------------------------------------------
    def put_user(self, name: str, role: str, pw_hash: str | None, pw_salt: str | None) -> None:
        """Register a user or rewrite its row (role and password hash). The caller writes the audit rows: the
        role with `record("user", …)`, the password with `password_changed` (what changed is the caller's
        to say; the hash never goes into the audit)."""
        repo.put_user(self.db, name, role, pw_hash, pw_salt)
        self._wrote("user")

    def user_now(self, name: str):
        """(User, pw_hash, pw_salt) of `name` as stored now, read under this transaction's lock; None when
        not registered."""
        return locks.stored_user(self.db, name)

    def admins_now(self) -> list[str]:
        """The admins as stored now, read under this transaction's lock."""
        return locks.admin_names(self.db)

    # ---- values and notes ------------------------------------------------------------------------------
    def check_values_editable(self, region_years: Iterable[tuple[str, int]],
                              indicators: dict[tuple[str, int], set[str]] | None = None) -> None:
        """Raise Locked for the first (by region, year) of these region-years whose status locks values."""
        statuses = locks.dataset_statuses(self.db, region_years)
        for (region, year) in sorted(statuses):
            message = policy.value_lock(statuses[(region, year)], self.label(region, year))
            if message is not None:
                codes = (indicators or {}).get((region, year), set())
                raise Locked(message, region, year, next(iter(codes)) if len(codes) == 1 else None)

    def values(self, writes: list[ValueWrite], reason: str = "",
               exempt: Iterable[tuple[str, int]] = ()) -> int:
        """Write values and notes, an audit row for each changed value and each changed note; returns how
        many value rows changed. A value without value and note is deleted. Raises Locked (nothing written).
        `exempt`: region-years whose status a decision written in this same transaction replaces (an import
        carrying a newer decision of the upper office): their current status does not lock them."""
        codes: dict[tuple[str, int], set[str]] = {}
        for w in writes:
            codes.setdefault((w.region, w.year), set()).add(w.indicator)
        skip = set(exempt)
        self.check_values_editable([k for k in codes if k not in skip], codes)
        stored = locks.stored_values(self.db, [(w.region, w.year, w.indicator) for w in writes])
        # a value written means a mark "not applicable / not collected" on it no longer holds
        marks = {key: locks.stored_marks(self.db, *key)
                 for key in {(w.region, w.year) for w in writes if w.value is not KEEP and w.value is not None}}
        puts, deletes, rows = [], [], []
        for w in writes:
            old_value, old_note = stored.get((w.region, w.year, w.indicator), (None, ""))
            new_value = old_value if w.value is KEEP else w.value
            new_note = old_note if w.note is None else w.note
            if old_value == new_value and old_note == new_note:
                continue
            if new_value is None and not new_note:
                deletes.append((w.region, w.year, w.indicator))
            else:
                puts.append(ValueRecord(w.region, w.year, w.indicator, new_value, new_note, self.stamp, self.user,
                                        w.source))
            common = dict(user=self.user, source=w.source, region=w.region, year=w.year, indicator=w.indicator,
                          reason=reason, at=self.stamp)
            if old_value != new_value:
                rows.append(dict(field="value", old=old_value, new=new_value, **common))
            if old_note != new_note:
                rows.append(dict(field="note", old=old_note, new=new_note, **common))
            mark = marks.get((w.region, w.year), {}).pop(w.indicator, None) if new_value is not None else None
            if mark is not None:
                absent.delete_absence(self.db, w.region, w.year, w.indicator)
                rows.append(dict(field="absent", old=mark.kind, new=None, **{**common, "reason": mark.reason}))
            stored[(w.region, w.year, w.indicator)] = (new_value, new_note)
        repo.put_values(self.db, puts)
        repo.delete_values(self.db, deletes)
        if puts or deletes:
            self._wrote("value")
        audit.append(self.db, rows)
        self.audited += len(rows)
        return len(puts) + len(deletes)

    def values_now(self, region: str, year: int) -> dict[str, ValueRecord]:
        """The values of one region-year as stored now, read under this transaction's lock."""
        return locks.region_year_values(self.db, region, year)

    def marks_now(self, region: str, year: int):
        """{indicator: Absence} of one region-year as stored now, read under this transaction's lock."""
        return locks.stored_marks(self.db, region, year)

    def absence(self, region: str, year: int, indicator: str, state: tuple[str, str] | None, source: str,
             before: Absence | None = None) -> None:
        """Mark one value "not applicable / not collected" (`state`: (kind, reason)) or clear its mark (None),
        with its audit row (field ``absent``). `before`: the mark as stored now (Writer.marks_now), whose kind
        and reason the row keeps as the old side. The caller has checked role, lock and that no value is held."""
        if state is None:
            absent.delete_absence(self.db, region, year, indicator)
        else:
            absent.put_absence(self.db, Absence(region, year, indicator, state[0], state[1], self.stamp, self.user))
        self._wrote("absent")
        self.record("absent", before.kind if before else None, state[0] if state else None, source,
                    region=region, year=year, indicator=indicator,
                    reason=state[1] if state else (before.reason if before else ""), at=self.stamp)

    # ---- targets -----------------------------------------------------------------------------------------
    def target(self, region: str, year: int, indicator: str, value: float | None, source: str,
               indicator_name: str = "") -> bool:
        """Set (None: remove) one target with its audit row; False when unchanged. Raises Locked."""
        message = policy.target_lock(locks.dataset_status(self.db, region, year), self.label(region, year),
                                     indicator_name)
        if message is not None:
            raise Locked(message, region, year, indicator)
        old = locks.stored_target(self.db, region, year, indicator)
        if old == value:
            return False
        repo.put_target(self.db, region, year, indicator, value, self.user)
        self._wrote("target")
        self.record("target", old, value, source, region=region, year=year, indicator=indicator, at=self.stamp)
        return True

    # ---- statuses -----------------------------------------------------------------------------------------
    def dataset_now(self, region: str, year: int) -> Dataset:
        """The dataset row as stored now, read under this transaction's lock (an import checks that the status
        it planned against still holds)."""
        return locks.dataset(self.db, region, year)

    def status(self, region: str, year: int, expected: str, new: str, source: str, reason: str = "", *,
               at: str | None = None, by: str | None = None,
               rounds: list[tuple[str, str, str | None, str, str]] | None = None) -> Dataset:
        """Move a dataset from `expected` to `new` with its audit row. Raises WorkflowError when another
        user moved it since the caller read `expected` (read here, under this transaction's lock).

        A decision taken elsewhere (an import of another office's workbook) keeps its own time and decider on
        the dataset row: `at` and `by` (default: this transaction's stamp and user). `rounds`: the decisions
        that led from `expected` to `new` there, one audit row each, oldest first, as (status, user, at,
        source, reason) (a user "" is this transaction's); without it one row expected → new. Each row's old
        side is the status before it."""
        now_status = locks.dataset_status(self.db, region, year)
        if now_status != expected:
            raise WorkflowError(Phrase("{label}数据的状态刚被改为“{status}”，请刷新后再试", label=self.label(region, year),
                                       status=Word("status", now_status, STATUS_NAMES.get(now_status, now_status))))
        ds = Dataset(region, year, new, self.stamp if at is None else at, self.user if by is None else by, reason)
        repo.put_dataset(self.db, ds)
        self._wrote("dataset")
        previous = expected
        for status, user, when, where, why in [(new, self.user, self.stamp, source, reason)] if rounds is None else rounds:
            self.record("status", previous, status, where, region=region, year=year, reason=why, at=when, user=user)
            previous = status
        return ds

    def review_notes(self, region: str, year: int, notes: dict[str, str], source: str, reason: str, *,
                     at: str | None = None, by: str | None = None) -> None:
        """The remarks of a return on single values ({indicator: text}) replace those of any earlier return,
        one audit row (field ``review``) each. `at`, `by`: when and by whom returned, when not now by this
        user (an imported return keeps its decider's)."""
        at = self.stamp if at is None else at
        wdb.replace_review_notes(self.db, region, year, notes, at, self.user if by is None else by)
        self._wrote("review_note")
        for code, text in notes.items():
            self.record("review", None, text, source, region=region, year=year, indicator=code, reason=reason,
                        at=at, user=by or self.user)

    def submission(self, region: str, year: int, catalog_version: str, values: dict[str, ValueRecord]) -> int:
        """Freeze the values and notes a dataset is submitted with (compared later with the current ones);
        returns the submission's id. Written with the status row of the submission, in this transaction."""
        self._wrote("submission")
        return wdb.add_submission(self.db, region, year, self.stamp, self.user, catalog_version, values)

    # ---- catalog ----------------------------------------------------------------------------------------------
    def approved_years_using(self, indicator: str) -> list[tuple[str, int]]:
        """(region, year) of the approved or accepted years holding a value of `indicator`, read under this
        transaction's lock: no approval slips in between this check and a catalog change."""
        return locks.approved_years_using(self.db, indicator)

    def indicator_in_use_now(self, indicator: str) -> bool:
        """Whether anything stored refers to the indicator, read under this transaction's lock (its code
        changes only while nothing does)."""
        return locks.indicator_in_use(self.db, indicator)

    def regions(self, regions: list[Region]) -> None:
        """Add or update regions (a new store's regions from the shipped list; no audit row: they are data
        shipped with the program, not a user's change)."""
        repo.upsert_regions(self.db, regions)
        self._wrote("region")

    def indicators(self, indicators: list[Indicator]) -> None:
        """Add or update indicators. The caller raises the catalog version and writes the audit row that
        says what changed (`bump_catalog_version`, `record("catalog", …)`)."""
        repo.upsert_indicators(self.db, indicators)
        self._wrote("indicator")

    def rename_indicator(self, old: str, new: str) -> None:
        """Change an indicator's code; the caller has checked it is unused (`indicator_in_use_now`)."""
        wdb.rename_indicator(self.db, old, new)
        self._wrote("indicator")

    def rule_set(self, text: str, reason: str) -> None:
        """Store a rules text as the rules in force, stamped with this transaction's time and user. The caller
        raises the catalog version and writes the audit row."""
        wdb.add_rule_set(self.db, text, self.stamp, self.user, reason)
        self._wrote("rule_set")

    def meta_now(self, key: str) -> str | None:
        """One entry of the store's meta table as stored now, read under this transaction's lock."""
        return locks.meta_value(self.db, key)

    def meta(self, key: str, value: str) -> None:
        """Set one entry of the store's meta table (the home region, the catalog version)."""
        repo.set_meta(self.db, key, value)
        self._wrote("meta")

    def bump_catalog_version(self, default: str) -> str:
        """Raise the catalog version (every catalog or rules change does); returns the new one."""
        current = self.meta_now("catalog_version")
        new = next_version(default if current is None else current, default)
        self.meta("catalog_version", new)
        return new
