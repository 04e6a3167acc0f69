"""The approval flow's decisions over plain values: no store, no services, no I/O.

What an action may do from a status (and the refusal a clerk reads when it may not), the message listing what
blocks a submission, the comparison of a submitted version with the current values, which submission a return
sent back and how its marks changed since, the password verdict of a log-in, and the audit view's filter.
`desktop.workflow.service` reads the store, calls these, and writes through `Services.write()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping

from desktop.auth import check_password
from desktop.domain import STATUS_NAMES, AuditRow, Finding, User
from desktop.errors import AppError, AuthError, WorkflowError
from desktop.phrases import Phrase, Word
from desktop.policy import ACCEPT, APPROVE, NEEDS_REASON, REOPEN, RETURN, SUBMIT, TRANSITIONS

ACTION_NAMES = {SUBMIT: "提交", APPROVE: "审核通过", RETURN: "退回", REOPEN: "重新打开", ACCEPT: "接收"}


class SubmissionRefused(WorkflowError):
    """Submit refused by validation; `findings` are the blocking ones (errors, unexplained warnings)."""

    def __init__(self, message: str, findings: list[Finding]):
        self.findings = findings
        super().__init__(message)


# ---- log-in ---------------------------------------------------------------------------------------------

def password_verdict(name: str, found: tuple[User, str | None, str | None] | None, password: str | None) -> User:
    """The user when the password fits the stored (user, hash, salt) (any password, or none, for a user without
    one). Raises AuthError for an unknown user (`found` None), a missing or a wrong password."""
    if found is None:
        raise AuthError(Phrase("未注册的用户：{name}（由管理员用 user add 注册）", name=repr(name)))
    user, pw_hash, salt = found
    if pw_hash is None:
        return user
    if not password:
        raise AuthError(Phrase("用户 {name} 设有密码，但未提供密码（命令行：环境变量 CHI_PASSWORD 或标准输入）", name=name))
    if not check_password(password, pw_hash, salt or ""):
        raise AuthError(Phrase("密码错误：用户 {name}", name=name))
    return user


# ---- transitions ----------------------------------------------------------------------------------------

def check_request(action: str, has_notes: bool) -> None:
    """An action the flow knows, with notes only on a return. Raises AppError (a usage error, not audited)."""
    if action not in TRANSITIONS:
        raise AppError(f"未知操作：{action!r}（应为 submit、approve、return、reopen 或 accept）")
    if has_notes and action != RETURN:
        raise AppError("只有退回可以附逐项意见（--note）")


def target_status(action: str) -> str:
    return TRANSITIONS[action][1]


def refusal(action: str, current: str, label: str, reason: str, own_county: bool) -> WorkflowError | None:
    """Why `action` cannot move a dataset from status `current` (`label`: 'X市 2021年数据'), or None when it can:
    a status the action does not start from, an accept at the county itself, a return or reopen without reason."""
    what = Word("action", action, ACTION_NAMES[action])
    sources = TRANSITIONS[action][0]
    if current not in sources:
        allowed = [Word("status", s, STATUS_NAMES[s]) for s in sources]
        status = Word("status", current, STATUS_NAMES[current])
        if len(allowed) == 1:
            return WorkflowError(Phrase("{label}当前为“{status}”，不能{what}（只有“{allowed}”的数据可以{what}）", label=label,
                                        status=status, what=what, allowed=allowed[0]))
        return WorkflowError(Phrase("{label}当前为“{status}”，不能{what}（只有“{a}”“{b}”的数据可以{what}）", label=label,
                                    status=status, what=what, a=allowed[0], b=allowed[1]) if len(allowed) == 2 else
                             Phrase("{label}当前为“{status}”，不能{what}（只有“{allowed}”的数据可以{what}）", label=label,
                                    status=status, what=what, allowed="、".join(allowed)))
    if action == ACCEPT and own_county:
        return WorkflowError(Phrase("{label}：接收由上级单位（市、省）办理，本县用“审核通过”", label=label))
    if action in NEEDS_REASON and not reason:
        return WorkflowError(Phrase("{what}{label}须注明原因", what=what, label=label))
    return None


def finding_line(f: Finding, name: str) -> str:
    """One blocking finding as listed in a refused submission (`name`: the indicator's name, or '')."""
    if name and name not in f.message:
        return (Phrase("  [错误] {name}：{message}", name=name, message=f.message) if f.severity == "error" else
                Phrase("  [未说明的警告] {name}：{message}", name=name, message=f.message))
    return (Phrase("  [错误] {message}", message=f.message) if f.severity == "error" else
            Phrase("  [未说明的警告] {message}", message=f.message))


def submission_refusal(label: str, blocking: list[Finding], names: Mapping[str, str]) -> SubmissionRefused | None:
    """The refusal of a submission that `blocking` findings keep back, naming each (`names`: {code: name});
    None when there are none."""
    if not blocking:
        return None
    errors = sum(1 for f in blocking if f.severity == "error")
    warnings = len(blocking) - errors
    lines = tuple(finding_line(f, names.get(f.indicator, f.indicator) if f.indicator else "") for f in blocking)
    return SubmissionRefused(Phrase("{label}不能提交：{errors} 个错误、{warnings} 个未说明的警告（警告须在说明中写明原因）：\n{lines}",
                                    label=label, errors=errors, warnings=warnings, lines=lines), blocking)


# ---- what changed since a submission --------------------------------------------------------------------

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
    submission: object  # the submission compared with (desktop.db.workflow.Submission), None: never submitted
    rows: list[SubmittedValue]

    @property
    def changed(self) -> list[SubmittedValue]:
        return [r for r in self.rows if r.changed]


def submitted_beside_current(order: Mapping[str, int], frozen: Mapping[str, tuple[float | None, str]],
                             current: Mapping[str, object]) -> list[SubmittedValue]:
    """Each indicator submitted (`frozen`: {code: (value, note)}) or stored now (`current`: {code: ValueRecord}),
    in catalog order (`order`: {code: place}; unknown codes last): the submitted value and note beside the current."""
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


def the_return(status: str, moves: list[AuditRow]) -> tuple[AuditRow, int] | None:
    """The return that is still the latest word on a dataset (status returned, or submitted again after it),
    from its status audit rows `moves` (oldest first): (its audit row, how many submissions came before it —
    the version returned is that one). None when never returned, approved since, or not returned/submitted."""
    if status not in ("returned", "submitted"):
        return None
    back = next((r for r in reversed(moves) if r.new == "returned"), None)
    if back is None or any(r.new == "approved" for r in moves if r.id > back.id):
        return None
    # stamps have whole seconds only: the submissions are counted, not compared by time
    submitted_before = sum(1 for r in moves if r.new == "submitted" and r.id < back.id)
    return (back, submitted_before) if submitted_before else None


def marks_changed(mark_rows: Iterable[AuditRow], order: Mapping[str, int]) -> tuple[tuple[str, object, object, str], ...]:
    """The net change of each mark 不适用 / 本年未统计 over its audit rows (field absent, oldest first):
    (indicator, kind before, kind now, reason now), in catalog order; a mark set and taken back is left out."""
    first: dict[str, object] = {}
    last: dict[str, tuple[object, str]] = {}
    for r in mark_rows:
        first.setdefault(r.indicator, r.old)
        last[r.indicator] = (r.new, r.reason)
    marks = [(code, first[code], new, reason) for code, (new, reason) in last.items() if first[code] != new]
    return tuple(sorted(marks, key=lambda m: order.get(m[0], len(order))))


# ---- the audit, filtered ---------------------------------------------------------------------------------

def day(text: str | dt.date | None) -> str | None:
    """A day as YYYY-MM-DD (from a date, or the start of an ISO text); None for nothing. Raises AppError."""
    if text is None or text == "":
        return None
    if isinstance(text, dt.date):
        return text.isoformat()
    try:
        return dt.date.fromisoformat(str(text).strip()[:10]).isoformat()
    except ValueError:
        raise AppError(f"日期无效：{text!r}（应为 YYYY-MM-DD）") from None


def filter_audit(rows: Iterable[AuditRow], fields: Iterable[str] | None = None, user: str | None = None,
                 since: str | dt.date | None = None, until: str | dt.date | None = None,
                 text: str | None = None) -> list[AuditRow]:
    """The rows of the kinds `fields`, by `user`, within the days since..until (inclusive) and holding `text`
    (any case) in old, new, source, reason or user; in their order. Raises AppError (bad date)."""
    lo, hi = day(since), day(until)
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
