"""The PySide6 desktop window over the services of `desktop/` (issue 6): no SQL, no business rule here.

Importing this package guards against a reference-counting bug of the PySide6 6.12 wheels: every call
of a C++ method returning void drops a reference to None, and every `signal.emit()` one to True. On
CPython 3.11, where None, True and False are ordinary objects, the window aborts after some thousands
of such calls ("Fatal Python error: none_dealloc" / "bool_dealloc"). These three objects are never freed
while the interpreter runs, so a large cushion on their counts (what CPython 3.12 does by making them
immortal) makes the bug harmless; on 3.12 and later nothing is changed.
"""

from __future__ import annotations

import sys

REFCOUNT_CUSHION = 1 << 40


def _cushion_singletons() -> bool:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += REFCOUNT_CUSHION
    return True


SINGLETONS_CUSHIONED = _cushion_singletons()
