"""Typed exceptions of the core; str() of each is one line a clerk can act on (Chinese)."""

from __future__ import annotations

from desktop.phrases import Phrase, enumeration


class AppError(Exception):
    """A refusal the user can act on. The CLI prints str(exc) and exits with exit_code."""

    exit_code = 1


class UsageError(AppError):
    exit_code = 2


class UnknownRegion(AppError):
    def __init__(self, name: str):
        self.name = name
        super().__init__(Phrase("未知地区：{name}（请用6位区划代码或准确名称，如 331081 或 温岭市）", name=repr(name)))


class UnknownIndicator(AppError):
    def __init__(self, name: str, suggestions: list[str] | None = None):
        self.name = name
        self.suggestions = suggestions or []
        hint = Phrase("；相近的指标：{names}", names=enumeration(self.suggestions)) if self.suggestions else ""
        super().__init__(Phrase("未知指标：{name}{hint}", name=repr(name), hint=hint))


class InvalidYear(AppError):
    def __init__(self, year: object, reason: str = ""):
        self.year = year
        super().__init__(Phrase("年份无效：{year}，{reason}", year=repr(year), reason=reason) if reason else
                         Phrase("年份无效：{year}", year=repr(year)))


class InvalidValue(AppError):
    """A value that is not a number this indicator can hold."""

    def __init__(self, raw: object, reason: str, where: str = ""):
        self.raw = raw
        self.reason = reason
        self.where = where
        super().__init__(Phrase("{where}：数值 {raw} 无效：{reason}", where=where, raw=repr(raw), reason=reason) if where else
                         Phrase("数值 {raw} 无效：{reason}", raw=repr(raw), reason=reason))


class StoreError(AppError):
    """The store file cannot be used as asked."""


class StoreMissing(StoreError):
    pass


class StoreLocked(StoreError):
    pass


class StoreReadOnly(StoreError):
    pass


class StoreDamaged(StoreError):
    pass


class StoreTooNew(StoreError):
    pass


class StoreFull(StoreError):
    pass


class NotAStore(StoreError):
    pass


class PermissionDenied(AppError):
    pass


class DatasetLocked(AppError):
    pass


class WorkflowError(AppError):
    pass


class AuthError(AppError):
    pass


class InvalidNote(AppError):
    """A note that cannot be stored (too long, or a control character): see desktop.texts."""
