"""Catalog editing by an admin: add, edit, hide indicators; edit the logical rules; try a change on history.

Every change is one transaction with an audit row (field "catalog" for an indicator, "rules" for the
rules text) and raises the catalog version (meta `catalog_version`, written into exports). A code never
changes once any value, target or submitted snapshot uses it. The rules in force are the newest text
saved in the store (table rule_set), else resources/rules.txt.

Two modules, the shape of every feature package: `core` decides over plain values (an indicator checked and
normalised, where a new one goes, the refusal of a change an approved year shows, the trials over given
values) and imports no store; `service` reads the store, calls the core and writes through `Services.write()`.
"""

from desktop.catalog_admin import core, service
from desktop.catalog_admin.core import (
    CODE_RE,
    EDITABLE,
    FIELD_NAMES,
    KEPT_BY_APPROVAL,
    MAX_DECIMALS,
    THRESHOLD_RULES,
    CatalogEditError,
    Flag,
    RuleProblem,
    TrialResult,
    next_version,
    rule_flags,
    threshold_flags,
)
from desktop.catalog_admin.service import (
    add_indicator,
    check_rules,
    default_rules_text,
    edit_indicator,
    hide_indicator,
    parse_rules,
    rules_are_custom,
    rules_text,
    save_rules,
    try_indicator,
    try_rules,
)

__all__ = [
    "CODE_RE", "EDITABLE", "FIELD_NAMES", "KEPT_BY_APPROVAL", "MAX_DECIMALS", "THRESHOLD_RULES", "CatalogEditError",
    "Flag", "RuleProblem", "TrialResult", "add_indicator", "check_rules", "core", "default_rules_text",
    "edit_indicator", "hide_indicator", "next_version", "parse_rules", "rule_flags", "rules_are_custom",
    "rules_text", "save_rules", "service", "threshold_flags", "try_indicator", "try_rules",
]
