"""Who may do what, and what a dataset's status allows: every permission and status rule in one place.

Pure: no store, no Qt. The services, the workflow, the importer and the window ask here; the write path
(desktop.db.writes) applies the status locks inside the write transaction, so nothing slips in between.

Statuses of a region-year's dataset: draft → submitted (submit) → approved (approve) or returned (return);
returned → submitted again; approved → returned (reopen, with a reason). `accepted` is an upper office's
receipt of an approved dataset: locked exactly like approved.
"""

from __future__ import annotations

from desktop.domain import LOCKED_STATUSES
from desktop.phrases import Phrase

# ---- roles ---------------------------------------------------------------------------------------------
EDIT_VALUES = ("clerk", "supervisor", "admin")      # values and notes of an unlocked dataset
SET_TARGETS = ("supervisor", "admin")               # targets, not on approved (or accepted) data
ADMIN_ONLY = ("admin",)                             # catalog, rules, users, restore, the home region

# ---- status locks ----------------------------------------------------------------------------------------
# values and notes: nobody edits a submitted dataset (a supervisor returns it first) or an approved or
# accepted one (reopened or returned first); desktop.domain.LOCKED_STATUSES lists the same statuses
VALUES_LOCKED = frozenset(LOCKED_STATUSES)
# targets: a supervisor sets them while the dataset is under review, not once it is approved or accepted
TARGETS_LOCKED = frozenset({"approved", "accepted"})
# a county's year is done, for the office above, once approved (by its bureau) or accepted (by the office)
DONE_STATUSES = frozenset({"approved", "accepted"})


def progress(statuses, counties) -> tuple[int, int]:
    """(done, of all) among `counties` ({code: status}; DONE_STATUSES): the "9/12 已审核" of a city in the
    region tree and of an office's status report."""
    codes = list(counties)
    return sum(1 for c in codes if statuses.get(c) in DONE_STATUSES), len(codes)

def value_lock(status: str, label: str) -> str | None:
    """Why values of a dataset in `status` may not change ("{label}数据…"), or None when they may.
    `label` names the region-year: "瑞安市 2021年"."""
    if status not in VALUES_LOCKED:
        return None
    if status == "submitted":
        return Phrase("{label}数据已提交，待审核期间不能修改；如需修改请先由审核人退回", label=label)
    if status == "approved":
        return Phrase("{label}数据已审核通过，只读；如需修改请先由审核人重新打开", label=label)
    if status == "accepted":
        return Phrase("{label}数据已被上级接收，只读；如需修改请先由上级退回", label=label)
    return Phrase("{label}数据当前状态下只读", label=label)


def target_lock(status: str, label: str, indicator_name: str = "") -> str | None:
    """Why targets of a dataset in `status` may not change, or None when they may."""
    if status not in TARGETS_LOCKED:
        return None
    what = Phrase("（{name}）", name=indicator_name) if indicator_name else ""
    if status == "approved":
        return Phrase("{label}数据已审核通过，目标值只读{what}；如需修改请先由审核人重新打开", label=label, what=what)
    if status == "accepted":
        return Phrase("{label}数据已被上级接收，目标值只读{what}；如需修改请先由上级退回", label=label, what=what)
    return Phrase("{label}数据当前状态下目标值只读{what}", label=label, what=what)


# ---- the approval flow ------------------------------------------------------------------------------------
SUBMIT, APPROVE, RETURN, REOPEN, ACCEPT = "submit", "approve", "return", "reopen", "accept"
ACTIONS = (SUBMIT, APPROVE, RETURN, REOPEN, ACCEPT)
# action → (statuses it starts from, status it leads to). Returning an approved or accepted year is the
# upstream office's decision (the city sends a county's year back); the county's own supervisor reopens.
TRANSITIONS = {
    SUBMIT: (("draft", "returned"), "submitted"),
    APPROVE: (("submitted",), "approved"),
    RETURN: (("submitted", "approved", "accepted"), "returned"),
    REOPEN: (("approved",), "returned"),
    ACCEPT: (("approved",), "accepted"),
}
ROLES_FOR = {
    SUBMIT: EDIT_VALUES,
    APPROVE: SET_TARGETS,
    RETURN: SET_TARGETS,
    REOPEN: SET_TARGETS,
    ACCEPT: SET_TARGETS,
}
# actions an upstream office takes on a county's approved year (not offered at the county itself)
UPSTREAM_ACTIONS = frozenset({ACCEPT})
NEEDS_REASON = frozenset({RETURN, REOPEN})


def may(role: str, roles: tuple[str, ...]) -> bool:
    return role in roles


def allowed_actions(status: str, role: str, own_county: bool = False) -> list[str]:
    """The transitions a user of `role` may take on a dataset in `status`. At the county office itself
    (`own_county`) an approved year is reopened, not accepted or returned: those are the upper office's."""
    out = []
    for a in ACTIONS:
        if status not in TRANSITIONS[a][0] or role not in ROLES_FOR[a]:
            continue
        if own_county and (a in UPSTREAM_ACTIONS or (a == RETURN and status != "submitted")):
            continue
        out.append(a)
    return out
