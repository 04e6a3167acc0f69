"""The clerk → supervisor flow: log-in, submit / approve / return / reopen, submission snapshots, the audit view.

Statuses (stored per region-year): draft → submitted (submit) → approved (approve) or returned (return);
returned → submitted (submit again); approved → returned (reopen, with a reason). A returned dataset is
editable like a draft and shows the supervisor's reason. Who may do what is in ROLES_FOR; the value-level
locks (nobody edits a submitted or approved dataset) live in Services so every writer obeys them.
Every transition is an audit row (field "status", old/new the statuses); every refused transition or failed
log-in concerning approval is an audit row too (field "denied" or "login").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from desktop import policy
from desktop.auth import check_password, hash_password
from desktop.db import repo
from desktop.db import workflow as wdb
from desktop.domain import AUDIT_FIELD_NAMES, STATUS_NAMES, AuditRow, Dataset, Finding, User, check_year
from desktop.errors import AppError, AuthError, StoreError, UnknownRegion, WorkflowError
from desktop.policy import (
    ACCEPT,
    APPROVE,
    NEEDS_REASON,
    REOPEN,
    RETURN,
    ROLES_FOR,
    SUBMIT,
    TRANSITIONS,
)
from desktop.validation import blocking_findings, validate

if TYPE_CHECKING:  # the services hand themselves in; this package never imports them
    from desktop.services import Services

ACTION_NAMES = {SUBMIT: "提交", APPROVE: "审核通过", RETURN: "退回", REOPEN: "重新打开", ACCEPT: "接收"}


class SubmissionRefused(WorkflowError):
    """Submit refused by validation; `findings` are the blocking ones (errors, unexplained warnings)."""

    def __init__(self, message: str, findings: list[Finding]):
        self.findings = findings
        super().__init__(message)


# ---- authentication ---------------------------------------------------------------------------------

def _record_login_failure(services: Services, name: str, message: str, concerning) -> None:
    """An audit row for a failed log-in (own transaction); `concerning` is (action, region, year) or None."""
    action, region, year = concerning
    code, y = _resolve_quietly(services, region, year)
    try:
        with services.write() as w:
            w.record("login", None, None, ACTION_NAMES.get(action, action), region=code, year=y, reason=message,
                     user=name)
    except StoreError:
        pass


def _resolve_quietly(services: Services, region, year) -> tuple[str | None, int | None]:
    code = y = None
    try:
        code = services.region(region).code if region is not None else None
    except UnknownRegion:
        pass
    try:
        y = check_year(year) if year is not None else None
    except AppError:
        pass
    return code, y


def verify_password(services: Services, name: str, password: str | None) -> User:
    """The user `name` when the password fits (any password, or none, for a user without one).

    Raises AuthError for an unknown user, a missing or a wrong password.
    """
    with services.store.reading() as db:
        found = repo.get_user(db, name)
    if found is None:
        raise AuthError(f"未注册的用户：{name!r}（由管理员用 user add 注册）")
    user, pw_hash, salt = found
    if pw_hash is None:
        return user
    if not password:
        raise AuthError(f"用户 {name} 设有密码，但未提供密码（命令行：环境变量 CHI_PASSWORD 或标准输入）")
    if not check_password(password, pw_hash, salt or ""):
        raise AuthError(f"密码错误：用户 {name}")
    return user


def authenticate_cli(services: Services, read_password: Callable[[str], str | None],
                     concerning: tuple[str, object, object] | None = None) -> User:
    """Check the password of the services' user when that user has one (read by `read_password(prompt)`).

    Raises AuthError; when `concerning` = (action, region, year) names an approval command, the failed
    attempt is recorded in the audit.
    """
    name = services.user.name
    if not services.user.has_password:
        return services.user
    try:
        return verify_password(services, name, read_password(f"用户 {name} 的密码："))
    except AuthError as exc:
        if concerning is not None:
            _record_login_failure(services, name, str(exc), concerning)
        raise


def record_unknown_user(services: Services, name: str, action: str, region, year, message: str) -> None:
    """Record an approval command attempted under a name that is not registered."""
    _record_login_failure(services, name, message, (action, region, year))


def login(services: Services, name: str, password: str | None,
          concerning: tuple[str, object, object] | None = None) -> User:
    """Switch the services to user `name` after checking the password (the window's log-in dialog).

    Raises AuthError (unknown user, missing or wrong password); the services keep their user then.
    """
    try:
        user = verify_password(services, (name or "").strip(), password)
    except AuthError as exc:
        if concerning is not None:
            _record_login_failure(services, (name or "").strip(), str(exc), concerning)
        raise
    services.user = user
    return user


def needs_password(services: Services, name: str) -> bool:
    with services.store.reading() as db:
        found = repo.get_user(db, name)
    return bool(found and found[0].has_password)


def set_password(services: Services, name: str, password: str | None) -> User:
    """Set (or with None/"" remove) a user's password: an admin for anyone, any user for themself.

    Raises PermissionDenied, AuthError (unknown user). The audit row records that it changed, never the hash.
    """
    if services.user.name != name:
        services.require_role(*policy.ADMIN_ONLY, action="修改其他用户的密码")
    with services.store.reading() as db:
        found = repo.get_user(db, name)
    if found is None:
        raise AuthError(f"未注册的用户：{name!r}")
    user = found[0]
    pw_hash, salt = hash_password(password) if password else (None, None)
    with services.write() as w:
        repo.put_user(w.db, name, user.role, pw_hash, salt)
        w.password_changed(name, pw_hash)
    updated = User(name, user.role, pw_hash is not None)
    if services.user.name == name:
        services.user = updated
    return updated


# ---- transitions ----------------------------------------------------------------------------------------

def is_own_county(services: Services, region: str) -> bool:
    """True when the store is the county office of `region` itself (its home region, set at the first start)."""
    home = services.home_region()
    return home is not None and home == services.region(region).code


def allowed_actions(services: Services, region: str, year: int) -> list[str]:
    """The actions the services' user may take on this dataset now (for enabling buttons).

    An approved year offers reopen at the county itself; elsewhere (the city, the province, a store without a
    home region) also accept and return."""
    return policy.allowed_actions(services.dataset(region, year).status, services.user.role,
                                  own_county=is_own_county(services, region))


def _finding_line(services: Services, f: Finding) -> str:
    try:
        name = services.indicator(f.indicator).name if f.indicator else ""
    except AppError:
        name = f.indicator
    kind = "错误" if f.severity == "error" else "未说明的警告"
    return f"  [{kind}] {name}：{f.message}" if name and name not in f.message else f"  [{kind}] {f.message}"


def blocking_for_submit(services: Services, region: str, year: int) -> list[Finding]:
    """The findings that keep this dataset from being submitted (errors, warnings without an explanation)."""
    return list(blocking_findings(validate(services, region, year, submission=True)))


def _checked_notes(services: Services, notes: dict[str, str] | None) -> dict[str, str]:
    out = {}
    for key, text in (notes or {}).items():
        text = (text or "").strip()
        if text:
            out[services.indicator(key).code] = text
    return out


def transition(services: Services, action: str, region: str, year: int, reason: str = "",
               source: str = "cli", notes: dict[str, str] | None = None) -> Dataset:
    """Move one region-year's dataset by `action` (submit, approve, return, reopen, accept); returns the new Dataset.

    `notes` ({indicator code or name: text}, return only): remarks on single values, shown to the clerk with the
    reason; each is an audit row (field "review"). A new return replaces the notes of an earlier one.
    Raises UnknownRegion, InvalidYear, UnknownIndicator, PermissionDenied (role), WorkflowError (wrong status,
    missing reason), SubmissionRefused (submit with errors or unexplained warnings, listing them). Refusals are
    audited; nothing else is written then. A submission freezes the values and notes for later comparison.
    """
    if action not in TRANSITIONS:
        raise AppError(f"未知操作：{action!r}（应为 submit、approve、return、reopen 或 accept）")
    if notes and action != RETURN:
        raise AppError("只有退回可以附逐项意见（--note）")
    notes = _checked_notes(services, notes)
    reg = services.region(region)
    y = check_year(year)
    what = ACTION_NAMES[action]
    label = f"{reg.name} {y}年数据"
    reason = (reason or "").strip()
    services.require_role(*ROLES_FOR[action], action=what, region=reg.code, year=y)
    sources, target = TRANSITIONS[action]
    current = services.dataset(reg.code, y).status
    if current not in sources:
        allowed = "、".join(STATUS_NAMES[s] for s in sources)
        raise services.refuse(WorkflowError(
            f"{label}当前为“{STATUS_NAMES[current]}”，不能{what}（只有“{allowed}”的数据可以{what}）"),
            what, reg.code, y)
    if action == ACCEPT and is_own_county(services, reg.code):
        raise services.refuse(WorkflowError(f"{label}：接收由上级单位（市、省）办理，本县用“审核通过”"),
                              what, reg.code, y)
    if action in NEEDS_REASON and not reason:
        raise services.refuse(WorkflowError(f"{what}{label}须注明原因"), what, reg.code, y)
    validated = None
    if action == SUBMIT:
        with services.store.reading() as db:
            validated = repo.values_of(db, reg.code, y)
        blocking = blocking_for_submit(services, reg.code, y)
        if blocking:
            errors = sum(1 for f in blocking if f.severity == "error")
            warnings = len(blocking) - errors
            lines = "\n".join(_finding_line(services, f) for f in blocking)
            raise services.refuse(SubmissionRefused(
                f"{label}不能提交：{errors} 个错误、{warnings} 个未说明的警告（警告须在说明中写明原因）：\n{lines}",
                blocking), what, reg.code, y)
    # to the microsecond: decisions travel between offices in workbooks, and which one is newer is told by
    # this time (desktop.exchange.status); a return and the next approval may fall in the same second
    stamp = dt.datetime.now().astimezone().isoformat(timespec="microseconds")
    with services.write() as w:
        w.stamp = stamp
        ds = w.status(reg.code, y, current, target, source, reason)  # refused when someone moved it meanwhile
        if action == SUBMIT:
            if repo.values_of(w.db, reg.code, y) != validated:  # edited by someone else while it was being checked
                raise WorkflowError(f"{label}在审核期间被修改，请重新提交")
            wdb.add_submission(w.db, reg.code, y, stamp, services.user.name, services.catalog_version(), validated)
        if action in (RETURN, REOPEN):
            wdb.replace_review_notes(w.db, reg.code, y, notes, stamp, services.user.name)
            for code, text in notes.items():
                w.record("review", None, text, source, region=reg.code, year=y, indicator=code, reason=reason,
                         at=stamp)
    return ds


def submit(services: Services, region: str, year: int, reason: str = "", source: str = "cli") -> Dataset:
    return transition(services, SUBMIT, region, year, reason, source)


def approve(services: Services, region: str, year: int, reason: str = "", source: str = "cli") -> Dataset:
    return transition(services, APPROVE, region, year, reason, source)


def return_dataset(services: Services, region: str, year: int, reason: str, source: str = "cli",
                   notes: dict[str, str] | None = None) -> Dataset:
    return transition(services, RETURN, region, year, reason, source, notes)


def accept(services: Services, region: str, year: int, reason: str = "", source: str = "cli") -> Dataset:
    """An upstream office takes a county's approved year: status accepted, locked here."""
    return transition(services, ACCEPT, region, year, reason, source)


def review_notes(services: Services, region: str, year: int) -> dict[str, str]:
    """{indicator: note} the last return wrote on single values (shown while the year is returned)."""
    with services.store.reading() as db:
        return wdb.review_notes(db, services.region(region).code, check_year(year))


def reopen(services: Services, region: str, year: int, reason: str, source: str = "cli") -> Dataset:
    return transition(services, REOPEN, region, year, reason, source)


# ---- what changed since the last submission --------------------------------------------------------------

@dataclass(frozen=True)
class SubmittedValue:
    """One indicator as last submitted beside its current value and note."""

    indicator: str
    submitted_value: float | None
    submitted_note: str
    current_value: float | None
    current_note: str
    in_submission: bool

    @property
    def changed(self) -> bool:
        return self.submitted_value != self.current_value or self.submitted_note != self.current_note


@dataclass(frozen=True)
class SubmissionComparison:
    submission: wdb.Submission | None
    rows: list[SubmittedValue]

    @property
    def changed(self) -> list[SubmittedValue]:
        return [r for r in self.rows if r.changed]


def since_last_submission(services: Services, region: str, year: int) -> SubmissionComparison:
    """Per indicator (catalog order), the last submitted value and note beside the current ones.

    `submission` is None (and rows empty) when the dataset was never submitted.
    """
    reg, y = services.region(region), check_year(year)
    with services.store.reading() as db:
        sub = wdb.last_submission(db, reg.code, y)
        if sub is None:
            return SubmissionComparison(None, [])
        frozen = wdb.submission_values(db, sub.id)
        current = repo.values_of(db, reg.code, y)
    rows = _submitted_beside_current(services, frozen, current)
    return SubmissionComparison(sub, rows)


def _catalog_order(services: Services) -> dict[str, int]:
    return {ind.code: i for i, ind in enumerate(services.indicators(include_hidden=True))}


def _submitted_beside_current(services: Services, frozen: dict, current: dict) -> list[SubmittedValue]:
    """Each indicator submitted or stored now, in catalog order: the submitted value and note beside the current."""
    order = _catalog_order(services)
    rows = []
    for code in sorted(set(frozen) | set(current), key=lambda c: (order.get(c, len(order)), c)):
        sv, sn = frozen.get(code, (None, ""))
        cur = current.get(code)
        rows.append(SubmittedValue(code, sv, sn, cur.value if cur else None, cur.note if cur else "",
                                   code in frozen))
    return rows


@dataclass(frozen=True)
class ReturnedReview:
    """A returned dataset, or one submitted again after a return, beside the version that was returned.

    `comparison` holds the values and notes as submitted before the return (its `submission`) and the
    current ones; `reason`, `by` and `at` are the return's (or reopening's)."""

    reason: str
    by: str
    at: str
    comparison: SubmissionComparison
    # marks 不适用 / 本年未统计 changed since the return: (indicator, kind before, kind now, reason now)
    marks_changed: tuple[tuple[str, str | None, str | None, str], ...] = ()

    @property
    def changed(self) -> list[SubmittedValue]:
        return self.comparison.changed


def since_returned_version(services: Services, region: str, year: int) -> ReturnedReview | None:
    """What changed since the version a supervisor returned (or reopened), while that return is the latest word:
    for a returned dataset and for one submitted again after the return. None otherwise (never returned,
    or approved since: the comparison ends with the approval)."""
    reg, y = services.region(region), check_year(year)
    with services.store.reading() as db:
        status = repo.get_dataset(db, reg.code, y).status
        if status not in ("returned", "submitted"):
            return None
        moves = [r for r in repo.audit_rows(db, reg.code, y, fields=("status",))]
        back = next((r for r in reversed(moves) if r.new == "returned"), None)
        if back is None or any(r.new == "approved" for r in moves if r.id > back.id):
            return None
        # the version returned is the last one submitted before the return (stamps have whole seconds only: count)
        submitted_before = sum(1 for r in moves if r.new == "submitted" and r.id < back.id)
        subs = wdb.submissions(db, reg.code, y)
        if not submitted_before or len(subs) < submitted_before:
            return None
        sub = subs[submitted_before - 1]
        frozen = wdb.submission_values(db, sub.id)
        current = repo.values_of(db, reg.code, y)
        mark_rows = [r for r in repo.audit_rows(db, reg.code, y, fields=("absent",)) if r.id > back.id]
    order = _catalog_order(services)
    rows = _submitted_beside_current(services, frozen, current)
    first: dict[str, object] = {}
    last: dict[str, tuple[object, str]] = {}
    for r in mark_rows:  # the net change of each mark since the return
        first.setdefault(r.indicator, r.old)
        last[r.indicator] = (r.new, r.reason)
    marks = tuple((code, first[code], new, reason) for code, (new, reason) in last.items() if first[code] != new)
    return ReturnedReview(back.reason, back.user, back.at, SubmissionComparison(sub, rows),
                          tuple(sorted(marks, key=lambda m: order.get(m[0], len(order)))))


def submission_history(services: Services, region: str, year: int) -> list[wdb.Submission]:
    with services.store.reading() as db:
        return wdb.submissions(db, services.region(region).code, check_year(year))


# ---- the audit, filtered ---------------------------------------------------------------------------------

FIELD_NAMES = AUDIT_FIELD_NAMES


def _day(text: str | dt.date | None) -> str | None:
    if text is None or text == "":
        return None
    if isinstance(text, dt.date):
        return text.isoformat()
    try:
        return dt.date.fromisoformat(str(text).strip()[:10]).isoformat()
    except ValueError:
        raise AppError(f"日期无效：{text!r}（应为 YYYY-MM-DD）") from None


def find_audit(services: Services, region: str | None = None, year: int | None = None,
               indicator: str | None = None, fields: list[str] | tuple[str, ...] | None = None,
               user: str | None = None, since: str | dt.date | None = None, until: str | dt.date | None = None,
               text: str | None = None) -> list[AuditRow]:
    """Audit rows, oldest first, filtered by region-year, one value (indicator), kinds of change (`fields`,
    see FIELD_NAMES), user, a day range (inclusive, YYYY-MM-DD) and a text found in old/new/source/reason.

    Raises UnknownRegion, InvalidYear, UnknownIndicator, AppError (bad date).
    """
    rows = services.audit(region, year, indicator)
    lo, hi = _day(since), _day(until)
    needle = (text or "").strip().lower()
    wanted = set(fields) if fields else None
    out = []
    for r in rows:
        if wanted is not None and r.field not in wanted:
            continue
        if user and r.user != user:
            continue
        if lo and r.at[:10] < lo:
            continue
        if hi and r.at[:10] > hi:
            continue
        if needle and not any(needle in str(x).lower() for x in (r.old, r.new, r.source, r.reason, r.user)
                              if x is not None):
            continue
        out.append(r)
    return out
