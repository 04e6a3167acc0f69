"""The PySide6 desktop window over the services of `desktop/` (issue 6): no SQL, no business rule here."""
