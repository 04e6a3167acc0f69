"""The approval flow against the store: log-in, submit / approve / return / reopen / accept, submission
snapshots, the audit view. Reads through desktop/db, decides with `desktop.workflow.core`, and writes every
change through `Services.write()` (a status move with `w.status`, which applies the status locks of
desktop/policy.py inside the transaction; a refused move or failed log-in is an audit row too).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable

from desktop import policy
from desktop.auth import hash_password
from desktop.db import repo
from desktop.db import workflow as wdb
from desktop.domain import AuditRow, Dataset, Finding, User, check_year
from desktop.errors import AppError, AuthError, StoreError, UnknownRegion, WorkflowError
from desktop.phrases import Phrase
from desktop.policy import REOPEN, RETURN, ROLES_FOR, SUBMIT
from desktop.validation import blocking_findings, validate
from desktop.workflow import core
from desktop.workflow.core import ACTION_NAMES, ReturnedReview, SubmissionComparison

if TYPE_CHECKING:  # the services hand themselves in; this package never imports them
    from desktop.services import Services


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
    return core.password_verdict(name, found, password)


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


def sole_user_login(services: Services) -> bool:
    """Log in the store's only user when that user has no password (a county with one clerk is not asked who
    is working); False, and nothing changed, when there are several users or the one has a password."""
    users = services.users()
    if len(users) != 1 or users[0].has_password:
        return False
    login(services, users[0].name, None)
    return True


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
    pw_hash, salt = hash_password(password) if password else (None, None)
    with services.write() as w:
        found = w.user_now(name)  # the role as stored now (read under the write lock), kept as it is
        if found is None:
            raise AuthError(f"未注册的用户：{name!r}")
        user = found[0]
        w.put_user(name, user.role, pw_hash, salt)
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


def blocking_for_submit(services: Services, region: str, year: int, computed=None) -> list[Finding]:
    """The findings that keep this dataset from being submitted (errors, warnings without an explanation).
    `computed`: a city's figures from its counties when the caller has them (the window's form made them at
    load), so that they are not computed again."""
    return list(blocking_findings(validate(services, region, year, submission=True, computed=computed or None)))


def _checked_notes(services: Services, notes: dict[str, str] | None) -> dict[str, str]:
    out = {}
    for key, text in (notes or {}).items():
        text = (text or "").strip()
        if text:
            out[services.indicator(key).code] = text
    return out


def _names(services: Services) -> dict[str, str]:
    return {i.code: i.name for i in services.indicators(include_hidden=True)}


def transition(services: Services, action: str, region: str, year: int, reason: str = "",
               source: str = "cli", notes: dict[str, str] | None = None) -> Dataset:
    """Move one region-year's dataset by `action` (submit, approve, return, reopen, accept); returns the new Dataset.

    `notes` ({indicator code or name: text}, return only): remarks on single values, shown to the clerk with the
    reason; each is an audit row (field "review"). A new return replaces the notes of an earlier one.
    Raises UnknownRegion, InvalidYear, UnknownIndicator, PermissionDenied (role), WorkflowError (wrong status,
    missing reason), SubmissionRefused (submit with errors or unexplained warnings, listing them). Refusals are
    audited; nothing else is written then. A submission freezes the values and notes for later comparison.
    """
    core.check_request(action, bool(notes))
    notes = _checked_notes(services, notes)
    reg = services.region(region)
    y = check_year(year)
    what = ACTION_NAMES[action]
    label = Phrase("{region} {year}年数据", region=reg.name, year=y)
    reason = (reason or "").strip()
    services.require_role(*ROLES_FOR[action], action=what, region=reg.code, year=y)
    current = services.dataset(reg.code, y).status
    refused = core.refusal(action, current, label, reason, is_own_county(services, reg.code))
    if refused is not None:
        raise services.refuse(refused, what, reg.code, y)
    validated = None
    if action == SUBMIT:
        with services.store.reading() as db:
            validated = repo.values_of(db, reg.code, y)
        blocking = blocking_for_submit(services, reg.code, y)
        if blocking:
            raise services.refuse(core.submission_refusal(label, blocking, _names(services)), what, reg.code, y)
    # to the microsecond: decisions travel between offices in workbooks, and which one is newer is told by
    # this time (desktop.exchange.status); a return and the next approval may fall in the same second
    stamp = dt.datetime.now().astimezone().isoformat(timespec="microseconds")
    with services.write() as w:
        w.stamp = stamp
        # refused when someone moved it meanwhile
        ds = w.status(reg.code, y, current, core.target_status(action), source, reason)
        if action == SUBMIT:
            if w.values_now(reg.code, y) != validated:  # edited by someone else while it was being checked
                raise WorkflowError(Phrase("{label}在审核期间被修改，请重新提交", label=label))
            w.submission(reg.code, y, services.catalog_version(), validated)
        if action in (RETURN, REOPEN):
            w.review_notes(reg.code, y, notes, source, reason)
    return ds


def submit(services: Services, region: str, year: int, reason: str = "", source: str = "cli") -> Dataset:
    return transition(services, policy.SUBMIT, region, year, reason, source)


def approve(services: Services, region: str, year: int, reason: str = "", source: str = "cli") -> Dataset:
    return transition(services, policy.APPROVE, region, year, reason, source)


def return_dataset(services: Services, region: str, year: int, reason: str, source: str = "cli",
                   notes: dict[str, str] | None = None) -> Dataset:
    return transition(services, RETURN, region, year, reason, source, notes)


def accept(services: Services, region: str, year: int, reason: str = "", source: str = "cli") -> Dataset:
    """An upstream office takes a county's approved year: status accepted, locked here."""
    return transition(services, policy.ACCEPT, region, year, reason, source)


def review_notes(services: Services, region: str, year: int) -> dict[str, str]:
    """{indicator: note} the last return wrote on single values (shown while the year is returned)."""
    with services.store.reading() as db:
        return wdb.review_notes(db, services.region(region).code, check_year(year))


def reopen(services: Services, region: str, year: int, reason: str, source: str = "cli") -> Dataset:
    return transition(services, REOPEN, region, year, reason, source)


# ---- what changed since the last submission --------------------------------------------------------------

def _catalog_order(services: Services) -> dict[str, int]:
    return {ind.code: i for i, ind in enumerate(services.indicators(include_hidden=True))}


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
    return SubmissionComparison(sub, core.submitted_beside_current(_catalog_order(services), frozen, current))


def since_returned_version(services: Services, region: str, year: int) -> ReturnedReview | None:
    """What changed since the version a supervisor returned (or reopened), while that return is the latest word:
    for a returned dataset and for one submitted again after the return. None otherwise (never returned,
    or approved since: the comparison ends with the approval)."""
    reg, y = services.region(region), check_year(year)
    with services.store.reading() as db:
        status = repo.get_dataset(db, reg.code, y).status
        found = core.the_return(status, repo.audit_rows(db, reg.code, y, fields=("status",)))
        if found is None:
            return None
        back, submitted_before = found
        subs = wdb.submissions(db, reg.code, y)
        if len(subs) < submitted_before:
            return None
        sub = subs[submitted_before - 1]
        frozen = wdb.submission_values(db, sub.id)
        current = repo.values_of(db, reg.code, y)
        mark_rows = [r for r in repo.audit_rows(db, reg.code, y, fields=("absent",)) if r.id > back.id]
    order = _catalog_order(services)
    rows = core.submitted_beside_current(order, frozen, current)
    return ReturnedReview(back.reason, back.user, back.at, SubmissionComparison(sub, rows),
                          core.marks_changed(mark_rows, order))


def submission_history(services: Services, region: str, year: int) -> list[wdb.Submission]:
    with services.store.reading() as db:
        return wdb.submissions(db, services.region(region).code, check_year(year))


# ---- the audit, filtered ---------------------------------------------------------------------------------

def find_audit(services: Services, region: str | None = None, year: int | None = None,
               indicator: str | None = None, fields: list[str] | tuple[str, ...] | None = None,
               user: str | None = None, since: str | dt.date | None = None, until: str | dt.date | None = None,
               text: str | None = None) -> list[AuditRow]:
    """Audit rows, oldest first, filtered by region-year, one value (indicator), kinds of change (`fields`,
    see FIELD_NAMES), user, a day range (inclusive, YYYY-MM-DD) and a text found in old/new/source/reason.

    Raises UnknownRegion, InvalidYear, UnknownIndicator, AppError (bad date).
    """
    return core.filter_audit(services.audit(region, year, indicator), fields, user, since, until, text)
