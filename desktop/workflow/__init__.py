"""The clerk → supervisor flow: log-in, submit / approve / return / reopen / accept, submission snapshots, the
audit view.

Statuses (stored per region-year): draft → submitted (submit) → approved (approve) or returned (return);
returned → submitted (submit again); approved → returned (reopen, with a reason); approved → accepted (accept,
at an upstream office). A returned dataset is editable like a draft and shows the supervisor's reason. Who may
do what, and which statuses lock values and targets, is desktop/policy.py; the Writer applies the locks so
every writer obeys them. Every transition is an audit row (field "status", old/new the statuses); every refused
transition or failed log-in concerning approval is an audit row too (field "denied" or "login").

Two modules, the shape of every feature package: `core` decides over plain values (which action a status
allows and the refusal a clerk reads, the list of what blocks a submission, the comparison with a submitted
version, the password verdict, the audit filter) and imports no store; `service` reads the store, calls the
core and writes through `Services.write()`.
"""

from desktop.domain import AUDIT_FIELD_NAMES as FIELD_NAMES
from desktop.workflow import core, service
from desktop.workflow.core import (
    ACTION_NAMES,
    ReturnedReview,
    SubmissionComparison,
    SubmissionRefused,
    SubmittedValue,
)
from desktop.workflow.service import (
    accept,
    allowed_actions,
    approve,
    authenticate_cli,
    blocking_for_submit,
    find_audit,
    is_own_county,
    login,
    needs_password,
    record_unknown_user,
    reopen,
    return_dataset,
    review_notes,
    set_password,
    since_last_submission,
    since_returned_version,
    sole_user_login,
    submission_history,
    submit,
    transition,
    verify_password,
)

__all__ = [
    "ACTION_NAMES", "FIELD_NAMES", "ReturnedReview", "SubmissionComparison", "SubmissionRefused", "SubmittedValue",
    "accept", "allowed_actions", "approve", "authenticate_cli", "blocking_for_submit", "core", "find_audit",
    "is_own_county", "login", "needs_password", "record_unknown_user", "reopen", "return_dataset", "review_notes",
    "service", "set_password", "since_last_submission", "since_returned_version", "sole_user_login",
    "submission_history", "submit", "transition", "verify_password",
]
