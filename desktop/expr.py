"""A small safe expression language over indicator codes: parsed into a tree, never eval'ed.

Grammar (one rule is one comparison):

    rule       := sum COMPARE sum [TOLERANCE]
    COMPARE    := <= | < | >= | > | == | != | ≤ | ≥ | ≠ | ~= | ≈
    TOLERANCE  := (± | +-) NUMBER %        only after ~= / ≈, and required there
    sum        := product (('+' | '-') product)*
    product    := unary (('*' | '/') unary)*
    unary      := '-' unary | atom
    atom       := NUMBER | CODE | FUNC '(' sum (',' sum)* ')' | '(' sum ')'
    FUNC       := abs | min | max
    CODE       := an indicator code of the catalog (A-Z, 0-9, _; starts with a letter)

`A ~= B ± 2%` holds when |A − B| ≤ 2% of |B| (B is the computed side).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from desktop.phrases import Phrase

COMPARATORS = {"<=": "<=", "≤": "<=", "<": "<", ">=": ">=", "≥": ">=", ">": ">", "==": "==", "=": "==",
               "!=": "!=", "≠": "!=", "~=": "~=", "≈": "~="}
FUNCTIONS = {"abs": (1, 1), "min": (2, None), "max": (2, None)}
# How a comparison reads in a message when it does not hold
SYMBOL = {"<=": "≤", "<": "<", ">=": "≥", ">": ">", "==": "=", "!=": "≠", "~=": "≈"}
_EPS = 1e-9

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d*)?|\.\d+)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|==|!=|~=|\+-|[≤≥≠≈±<>=+\-*/(),%]))"
)


class ExprError(ValueError):
    """A syntax error; `column` is 1-based within the expression text."""

    def __init__(self, reason: str, column: int):
        self.reason = reason
        self.column = column
        super().__init__(Phrase("第{column}列：{reason}", column=str(column), reason=reason))


@dataclass(frozen=True)
class Token:
    kind: str  # num, name, op, end
    text: str
    column: int


def tokenize(text: str) -> list[Token]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            col = pos + 1 + (len(text[pos:]) - len(text[pos:].lstrip()))
            raise ExprError(Phrase("无法识别的字符 {char}", char=repr(text[col - 1])), col)
        kind = m.lastgroup
        start = m.start(kind)
        out.append(Token(kind, m.group(kind), start + 1))
        pos = m.end()
    out.append(Token("end", "", len(text) + 1))
    return out


# ---- the tree -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Num:
    value: float

    def eval(self, values):
        return self.value

    def codes(self):
        return ()

    def render(self, names):
        return f"{self.value:g}"


@dataclass(frozen=True)
class Code:
    code: str

    def eval(self, values):
        return values.get(self.code)

    def codes(self):
        return (self.code,)

    def render(self, names):
        return names.get(self.code, self.code)


@dataclass(frozen=True)
class Neg:
    operand: object

    def eval(self, values):
        v = self.operand.eval(values)
        return None if v is None else -v

    def codes(self):
        return self.operand.codes()

    def render(self, names):
        return "-" + self.operand.render(names)


@dataclass(frozen=True)
class BinOp:
    op: str
    left: object
    right: object

    def eval(self, values):
        a = self.left.eval(values)
        if a is None:
            return None
        b = self.right.eval(values)
        if b is None:
            return None
        if self.op == "+":
            return a + b
        if self.op == "-":
            return a - b
        if self.op == "*":
            return a * b
        if b == 0:
            return None  # a ratio over zero says nothing: the rule is not applied
        return a / b

    def codes(self):
        return self.left.codes() + self.right.codes()

    def render(self, names):
        sym = {"*": "×", "/": "÷"}.get(self.op, self.op)
        return f"{_wrap(self.left, self.op, names, False)}{sym}{_wrap(self.right, self.op, names, True)}"


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple

    def eval(self, values):
        vals = [a.eval(values) for a in self.args]
        if any(v is None for v in vals):
            return None
        if self.func == "abs":
            return abs(vals[0])
        return min(vals) if self.func == "min" else max(vals)

    def codes(self):
        return tuple(c for a in self.args for c in a.codes())

    def render(self, names):
        return f"{self.func}({', '.join(a.render(names) for a in self.args)})"


_PREC = {"+": 1, "-": 1, "*": 2, "/": 2}


def _wrap(node, parent_op, names, right_side):
    text = node.render(names)
    if isinstance(node, BinOp):
        p, c = _PREC[parent_op], _PREC[node.op]
        if c < p or (right_side and c == p and parent_op in "-/"):
            return f"（{text}）"
    return text


@dataclass(frozen=True)
class Comparison:
    """One rule's condition. `check(values)` gives None when an operand has no value."""

    op: str  # normalised: <= < >= > == != ~=
    left: object
    right: object
    tolerance: float | None = None  # fraction, for ~=

    def codes(self) -> tuple[str, ...]:
        seen = []
        for c in self.left.codes() + self.right.codes():
            if c not in seen:
                seen.append(c)
        return tuple(seen)

    def sides(self, values) -> tuple[float, float] | None:
        a = self.left.eval(values)
        if a is None:
            return None
        b = self.right.eval(values)
        if b is None or not (math.isfinite(a) and math.isfinite(b)):
            return None
        return a, b

    def holds(self, a: float, b: float) -> bool:
        slack = _EPS * max(1.0, abs(a), abs(b))
        op = self.op
        if op == "<=":
            return a <= b + slack
        if op == "<":
            return a < b - slack
        if op == ">=":
            return a >= b - slack
        if op == ">":
            return a > b + slack
        if op == "==":
            return abs(a - b) <= slack
        if op == "!=":
            return abs(a - b) > slack
        return abs(a - b) <= self.tolerance * abs(b) + slack

    def render(self, names) -> str:
        text = f"{self.left.render(names)} {SYMBOL[self.op]} {self.right.render(names)}"
        if self.tolerance is not None:
            text += f"（允许相差{self.tolerance * 100:g}%）"
        return text


class _Parser:
    def __init__(self, text: str, known_codes):
        self.tokens = tokenize(text)
        self.i = 0
        self.known = known_codes

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def expect(self, text: str, what: str) -> Token:
        if self.tok.text != text:
            if self.tok.kind == "end":
                raise ExprError(Phrase("缺少{what}", what=what), self.tok.column)
            raise ExprError(Phrase("此处应为{what}，却是{found}", what=what, found=_show(self.tok)), self.tok.column)
        return self.take()

    def comparison(self) -> Comparison:
        left = self.sum()
        t = self.tok
        if t.kind != "op" or t.text not in COMPARATORS:
            if t.kind == "end":
                raise ExprError(Phrase("缺少比较运算符（<=、>=、<、>、==、!=、≈）"), t.column)
            raise ExprError(Phrase("此处应为比较运算符，却是{found}", found=_show(t)), t.column)
        op = COMPARATORS[self.take().text]
        right = self.sum()
        tolerance = None
        if self.tok.text in ("±", "+-"):
            if op != "~=":
                raise ExprError(Phrase("只有 ≈（~=）可以带允许误差 ±"), self.tok.column)
            self.take()
            num = self.tok
            if num.kind != "num":
                raise ExprError(Phrase("± 之后应为百分数，却是{found}", found=_show(num)), num.column)
            self.take()
            self.expect("%", Phrase("百分号 %"))
            tolerance = float(num.text) / 100
        elif op == "~=":
            raise ExprError(Phrase("≈（~=）需要写明允许误差，如 ± 2%"), self.tok.column)
        if self.tok.kind != "end":
            if self.tok.kind == "op" and self.tok.text in COMPARATORS:
                raise ExprError(Phrase("一条规则只能有一个比较运算符"), self.tok.column)
            raise ExprError(Phrase("多余的内容：{found}", found=_show(self.tok)), self.tok.column)
        return Comparison(op, left, right, tolerance)

    def sum(self):
        node = self.product()
        while self.tok.text in ("+", "-"):
            op = self.take().text
            node = BinOp(op, node, self.product())
        return node

    def product(self):
        node = self.unary()
        while self.tok.text in ("*", "/"):
            op = self.take().text
            node = BinOp(op, node, self.unary())
        return node

    def unary(self):
        if self.tok.text == "-":
            self.take()
            return Neg(self.unary())
        if self.tok.text == "+":
            self.take()
            return self.unary()
        return self.atom()

    def atom(self):
        t = self.tok
        if t.kind == "num":
            self.take()
            return Num(float(t.text))
        if t.kind == "name":
            self.take()
            if self.tok.text == "(":
                if t.text.lower() not in FUNCTIONS:
                    raise ExprError(Phrase("未知函数 {name}（可用：abs、min、max）", name=t.text), t.column)
                return self.call(t)
            if t.text.lower() in FUNCTIONS:
                raise ExprError(Phrase("函数 {name} 之后应为左括号", name=t.text), self.tok.column)
            if self.known is not None and t.text not in self.known:
                raise UnknownCodeError(t.text, t.column)
            return Code(t.text)
        if t.text == "(":
            self.take()
            node = self.sum()
            self.expect(")", Phrase("右括号 )"))
            return node
        if t.kind == "end":
            raise ExprError(Phrase("表达式不完整：缺少运算数"), t.column)
        raise ExprError(Phrase("此处应为数字、指标代码或左括号，却是{found}", found=_show(t)), t.column)

    def call(self, name_tok: Token):
        func = name_tok.text.lower()
        self.expect("(", Phrase("左括号 ("))
        args = [self.sum()]
        while self.tok.text == ",":
            self.take()
            args.append(self.sum())
        self.expect(")", Phrase("右括号 )"))
        lo, hi = FUNCTIONS[func]
        if len(args) < lo or (hi is not None and len(args) > hi):
            want = Phrase("{n}个", n=str(lo)) if lo == hi else Phrase("至少{n}个", n=str(lo))
            raise ExprError(Phrase("函数 {name} 需要{want}参数，给了{n}个", name=func, want=want, n=str(len(args))),
                            name_tok.column)
        return Call(func, tuple(args))


class UnknownCodeError(ExprError):
    def __init__(self, code: str, column: int):
        self.code = code
        super().__init__(Phrase("未知指标代码 {code}", code=code), column)


def _show(t: Token) -> str:
    return Phrase("行尾") if t.kind == "end" else Phrase("“{text}”", text=t.text)


def parse_comparison(text: str, known_codes=None) -> Comparison:
    """Parse one rule condition; raises ExprError (UnknownCodeError for a code not in known_codes)."""
    return _Parser(text, known_codes).comparison()


def parse_expression(text: str, known_codes=None):
    """Parse an arithmetic expression over codes (no comparison), e.g. the ratio of an indicator's
    aggregation `HOSPITAL_BEDS / (POP_RESIDENT * 10)`; raises ExprError (UnknownCodeError)."""
    parser = _Parser(text, known_codes)
    node = parser.sum()
    if parser.tok.kind != "end":
        raise ExprError(Phrase("多余的内容：{found}", found=_show(parser.tok)), parser.tok.column)
    return node
