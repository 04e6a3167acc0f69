"""Validation (审核): one engine for the form, the import, submission, the reports and the command line.

Findings carry indicator, severity (error blocks submission; warning needs a real explanation note;
info never blocks), rule id, a Chinese message naming the values and years involved, value and
reference. Rules, all data-driven:

- ``format`` (error): not a finite number, or a fraction where the catalog's decimals is 0.
- ``range`` (error): outside the catalog's [min, max].
- ``logic`` (per rule): the comparisons of ``resources/rules.txt`` (syntax at its top), parsed by a
  small safe parser (``expr.py``), never eval'ed. A rule with an operand without a value, or a
  division by zero, is not applied. The finding is filed under the rule's first code.
- ``yoy`` (warning): against the nearest earlier year that has a value. The threshold is the
  catalog's ``yoy_warn``: percentage points for kinds rate/growth (over a gap of g years it widens to
  g·t), percent of the prior value otherwise (widened to (1+t)^g − 1, the design's formula, applied to
  rises and falls alike). A prior value of 0 gives no percentage and no finding. **A missing yoy_warn
  switches the threshold check off** for that indicator; the slip check still runs.
  **"Near 10^k"**: the ratio value/prior lies within ±15 % of 10^k for k in ±1..±4 (both values
  non-zero, same sign): "疑似小数点错位或单位错误" (with a hint such as 人 typed for 万人), reported
  instead of the threshold message, whatever the gap.
- ``history`` (warning): with ≥ 3 earlier years, z = (value − mean) / s where mean and the sample
  standard deviation s come from the earlier years only; |z| > 3 fires, **and only when
  |value − mean| exceeds the minimum absolute change**: half of one year's yoy_warn measured on the
  earlier mean (t/2 points for rate/growth, |mean|·t/2 % otherwise; 2 points or 10 % assumed without
  yoy_warn), and never less than ten units of the indicator's last printed decimal. Earlier years
  that are all equal (s = 0) fire whenever that minimum change is exceeded.
- ``completeness`` (warning, submission only): a visible indicator without a value; cleared by a
  note on the empty value saying why.
- ``target`` (info): a value that misses its target (direction 1: below, −1: above; direction 0 has
  no target sense and is not checked). Compared at the indicator's decimals.

A warning is ``cleared`` when its indicator's note is a real explanation (``notes.py``): not a stock
phrase ("核实无误", "无", "正常", "数据准确" …), and with the stock fragments removed at least 4 Chinese
characters (or 3 Latin words) remain. Errors are never cleared.
"""

from desktop.expr import ExprError, parse_comparison
from desktop.validation.engine import blocking_findings, history_min_change, validate_values
from desktop.validation.notes import explains, is_boilerplate_note
from desktop.validation.rules import Rule, RuleFileError, RuleSet, default_rules, load_rules, parse_rules
from desktop.validation.service import errors_of_values, rules_for, validate, validate_many

__all__ = [
    "ExprError", "Rule", "RuleFileError", "RuleSet", "blocking_findings", "default_rules", "errors_of_values",
    "explains", "history_min_change", "is_boilerplate_note", "load_rules", "parse_comparison", "parse_rules", "rules_for",
    "validate", "validate_many", "validate_values",
]
