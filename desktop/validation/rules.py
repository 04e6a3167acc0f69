"""The logical rules file (resources/rules.txt): one rule a line, parsed at load, refused with file and line."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.catalog import RULES_FILE, read_indicators
from desktop.errors import AppError
from desktop.expr import Comparison, ExprError, UnknownCodeError, parse_comparison
from desktop.phrases import Phrase, enumeration

SEVERITY_WORDS = {"error": "error", "错误": "error", "强制性": "error",
                  "warning": "warning", "警告": "warning", "核实性": "warning",
                  "info": "info", "提示": "info", "提示性": "info"}


class RuleFileError(AppError):
    """A rules file that cannot be used: names the file, the line and why. Nothing of it is used."""

    def __init__(self, origin: str, line: int, reason: str, text: str = ""):
        self.origin = origin
        self.line = line
        self.reason = reason
        self.text = text
        shown = Phrase("（{text}）", text=text.strip()) if text.strip() else ""
        super().__init__(Phrase("规则文件 {origin} 第{line}行：{reason}{shown}", origin=origin, line=str(line), reason=reason,
                                shown=shown))


@dataclass(frozen=True)
class Rule:
    line: int
    severity: str  # error | warning | info
    condition: Comparison
    source: str  # the expression as written
    message: str = ""  # the rule's own words, shown before the figures

    @property
    def codes(self) -> tuple[str, ...]:
        return self.condition.codes()

    @property
    def indicator(self) -> str:
        """The indicator a finding of this rule is filed under: the first code of the rule."""
        return self.codes[0]


@dataclass(frozen=True)
class RuleSet:
    origin: str
    rules: tuple[Rule, ...]

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0]


def parse_rules(text: str, origin: str = "规则", known_codes=None) -> RuleSet:
    """Parse rules text. `known_codes`: the catalog codes a rule may name (None: the default catalog).

    Raises RuleFileError naming origin, line and reason at the first bad line.
    """
    if known_codes is None:
        known_codes = default_codes()
    known = frozenset(known_codes)
    rules = []
    for number, raw in enumerate(text.splitlines(), start=1):
        body = _strip_comment(raw).strip()
        if not body:
            continue
        head, sep, rest = body.partition(":")
        if not sep:
            head, sep, rest = body.partition("：")
        severity = SEVERITY_WORDS.get(head.strip().lower()) if sep else None
        if severity is None:
            if sep and head.strip() and " " not in head.strip():
                raise RuleFileError(origin, number, Phrase("未知的严重程度 {word}（应为 error、warning 或 info）",
                                                           word=repr(head.strip())), raw)
            raise RuleFileError(origin, number, Phrase("缺少严重程度：每行应以 error:、warning: 或 info: 开头"), raw)
        expr_text, bar, message = rest.partition("|")
        if not expr_text.strip():
            raise RuleFileError(origin, number, Phrase("冒号之后缺少规则表达式"), raw)
        try:
            condition = parse_comparison(expr_text, known)
        except UnknownCodeError as exc:
            import difflib  # only for an unknown code in the rules text

            near = difflib.get_close_matches(exc.code.upper(), sorted(known), n=3, cutoff=0.6)
            hint = Phrase("；相近的代码：{codes}", codes=enumeration(near)) if near else ""
            raise RuleFileError(origin, number, Phrase("未知指标代码 {code}{hint}", code=exc.code, hint=hint), raw) from None
        except ExprError as exc:
            column = len(raw) - len(raw.lstrip()) + len(head) + len(sep) + exc.column
            raise RuleFileError(origin, number, Phrase("语法错误（第{column}列）：{reason}", column=str(column), reason=exc.reason),
                                raw) from None
        if not condition.codes():
            raise RuleFileError(origin, number, Phrase("规则中没有任何指标代码"), raw)
        rules.append(Rule(number, severity, condition, expr_text.strip(), message.strip()))
    return RuleSet(origin, tuple(rules))


def load_rules(path, known_codes=None) -> RuleSet:
    """Read and parse a rules file; raises RuleFileError (file, line, reason), also for an unreadable file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RuleFileError(str(path), 0, Phrase("文件不存在")) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise RuleFileError(str(path), line, Phrase("不是UTF-8编码的文本")) from None
    except OSError as exc:
        raise RuleFileError(str(path), 0, Phrase("无法读取（{reason}）", reason=exc.strerror or str(exc))) from None
    return parse_rules(text, str(path), known_codes)


# ---- caches: validation runs on every keystroke, parsing must not ------------------------------------
_lock = threading.Lock()
_default_codes: frozenset[str] | None = None
_text_cache: dict[tuple[str, frozenset], RuleSet] = {}
_file_cache: dict[tuple[str, float, int, frozenset], RuleSet] = {}


def default_codes() -> frozenset[str]:
    global _default_codes
    if _default_codes is None:
        _default_codes = frozenset(i.code for i in read_indicators())
    return _default_codes


def cached_rules_text(text: str, origin: str, known_codes) -> RuleSet:
    """parse_rules, remembered by text and catalog codes."""
    key = (text, frozenset(known_codes))
    with _lock:
        found = _text_cache.get(key)
    if found is None:
        found = parse_rules(text, origin, key[1])
        with _lock:
            if len(_text_cache) > 32:
                _text_cache.clear()
            _text_cache[key] = found
    return found


def default_rules(known_codes=None) -> RuleSet:
    """resources/rules.txt, parsed once per file version (mtime and size) and set of codes."""
    codes = frozenset(known_codes) if known_codes is not None else default_codes()
    try:
        st = RULES_FILE.stat()
        key = (str(RULES_FILE), st.st_mtime, st.st_size, codes)
    except OSError:
        key = None
    if key is not None:
        with _lock:
            found = _file_cache.get(key)
        if found is not None:
            return found
    found = load_rules(RULES_FILE, codes)
    if key is not None:
        with _lock:
            _file_cache.clear()
            _file_cache[key] = found
    return found
