"""The PySide6 desktop window over the services of `desktop/`: no SQL, no business rule here."""
