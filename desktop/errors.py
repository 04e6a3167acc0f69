"""Typed exceptions of the core; str() of each is one line a clerk can act on (Chinese)."""

from __future__ import annotations


class AppError(Exception):
    """A refusal the user can act on. The CLI prints str(exc) and exits with exit_code."""

    exit_code = 1


class UsageError(AppError):
    exit_code = 2


class UnknownRegion(AppError):
    def __init__(self, name: str):
        self.name = name
        super().__init__(f"未知地区：{name!r}（请用6位区划代码或准确名称，如 331081 或 温岭市）")


class UnknownIndicator(AppError):
    def __init__(self, name: str, suggestions: list[str] | None = None):
        self.name = name
        self.suggestions = suggestions or []
        hint = f"；相近的指标：{'、'.join(self.suggestions)}" if self.suggestions else ""
        super().__init__(f"未知指标：{name!r}{hint}")


class InvalidYear(AppError):
    def __init__(self, year: object, reason: str = ""):
        self.year = year
        super().__init__(f"年份无效：{year!r}{('，' + reason) if reason else ''}")


class InvalidValue(AppError):
    """A value that is not a number this indicator can hold."""

    def __init__(self, raw: object, reason: str, where: str = ""):
        self.raw = raw
        self.reason = reason
        self.where = where
        prefix = f"{where}：" if where else ""
        super().__init__(f"{prefix}数值 {raw!r} 无效：{reason}")


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
