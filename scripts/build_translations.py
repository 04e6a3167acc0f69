"""Build the Qt translations: resources/translations/app_<lang>.ts → app_<lang>.qm (pyside6-lrelease).

    .venv/bin/python scripts/build_translations.py            # build the .qm files (setup.sh runs this)
    .venv/bin/python scripts/build_translations.py --update   # first rescan desktop/ui with pyside6-lupdate
                                                              # (and the domain's words the window translates)

Simplified Chinese is the source language (the strings in the code); app_en.ts holds the English.
After --update, translate the new entries with Qt Linguist (pyside6-linguist) or in the XML, then build.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
SOURCES = ROOT / "desktop" / "ui"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    """The PySide6 tool beside this interpreter (the venv), else on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise SystemExit(f"{name} not found: install pyside6-essentials in this environment")


def vocabulary_source(folder: Path) -> Path:
    """A Python file of translate() calls, one per word of the domain's vocabularies the window shows
    (desktop/ui/vocabulary.py translates them at run time, so they are no literals lupdate could find)."""
    sys.path.insert(0, str(ROOT))
    from desktop.ui.vocabulary import CONTEXT, VOCABULARIES

    lines = [f"QCoreApplication.translate({CONTEXT!r}, {text!r}, {name!r})"
             for name, words in VOCABULARIES.items() for text in words.values()]
    path = folder / "vocabulary_words.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def phrase_source(folder: Path) -> Path:
    """A Python file of translate() calls, one per template of the core's Phrases (desktop/phrases.py: the
    findings' messages …), which the window translates at run time in the context "core"."""
    sys.path.insert(0, str(ROOT))
    from desktop.phrases import CONTEXT, templates_in

    found = templates_in(ROOT / "desktop", skip=ROOT / "desktop" / "ui")
    path = folder / "core_phrases.py"
    path.write_text("\n".join(f"QCoreApplication.translate({CONTEXT!r}, {t!r})" for t in sorted(found)) + "\n",
                    encoding="utf-8")
    return path


def update() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        words = vocabulary_source(Path(tmp))
        phrases = phrase_source(Path(tmp))
        for lang in LANGUAGES:
            ts = TS_DIR / f"app_{lang}.ts"
            subprocess.run([tool("pyside6-lupdate"), "-extensions", "py", "-locations", "none", "-no-obsolete",
                            "-source-language", "zh_CN", "-target-language", lang, str(SOURCES), str(words), str(phrases),
                            "-ts", str(ts)], check=True)


def release() -> list[Path]:
    built = []
    for lang in LANGUAGES:
        ts = TS_DIR / f"app_{lang}.ts"
        qm = ts.with_suffix(".qm")
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rescan desktop/ui with pyside6-lupdate first")
    args = parser.parse_args(argv)
    TS_DIR.mkdir(parents=True, exist_ok=True)
    if args.update:
        update()
    for qm in release():
        print(f"built {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
