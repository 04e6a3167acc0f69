"""What reading a damaged zip raises (the container of .xlsx, .ods, .docx and .ofd), in one place.

Besides zipfile.BadZipFile: a broken deflate stream (zlib.error), a stream cut short (EOFError), a name that
decodes wrong (UnicodeDecodeError, a ValueError), an unknown zip version or compression (NotImplementedError), a
part marked encrypted (RuntimeError), a missing member (KeyError), an unreadable file (OSError). Each reader
turns them into a refusal naming the file; found by spoiling bytes of good files (tests/helpers/damage.py).
"""

from __future__ import annotations

import zipfile
import zlib

ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError, KeyError,
              OSError)
