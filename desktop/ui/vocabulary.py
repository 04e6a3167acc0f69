"""The words of the domain's vocabularies, and the core's Phrases, as the window shows them: translated through Qt.

`desktop.domain` defines the word of each code once (草稿 for draft, 填报员 for clerk …); the CLI and the
reports print it as it is, the window passes it through `QCoreApplication.translate` in the context
"vocabulary", the vocabulary's name being the disambiguation (错误 is a severity and a flag). The words are
not literals here, so `scripts/build_translations.py --update` collects them from VOCABULARIES into
resources/translations/app_en.ts; tests/test_ui_translation.py checks that each has its English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop import domain
from desktop import phrases
from desktop.workflow.core import ACTION_NAMES

CONTEXT = "vocabulary"
# the vocabularies the window shows, by the name the translation file gives them
VOCABULARIES: dict[str, dict[str, str]] = {
    "status": domain.STATUS_WORDS,
    "role": domain.ROLE_NAMES,
    "kind": domain.KIND_NAMES,
    "method": domain.METHOD_NAMES,
    "check": domain.CHECK_NAMES,
    "absence": domain.ABSENCE_KINDS,
    "field": domain.AUDIT_FIELD_NAMES,
    "catalog_field": domain.CATALOG_FIELD_NAMES,
    "source": domain.SOURCE_NAMES,
    "action": ACTION_NAMES,
}


def words(vocabulary: str) -> dict[str, str]:
    """Every code of a vocabulary with its translated word: build it once for many rows (tr is slow in PySide)."""
    return {code: QCoreApplication.translate(CONTEXT, text, vocabulary)
            for code, text in VOCABULARIES[vocabulary].items()}


def word(vocabulary: str, code: str | None) -> str:
    """The translated word of one code; a code the vocabulary lacks is shown as it is."""
    text = VOCABULARIES[vocabulary].get(code or "")
    if text is None:
        return code or ""
    return QCoreApplication.translate(CONTEXT, text, vocabulary)


def say(text: object) -> str:
    """A message of the core in the window's language: a desktop.phrases.Phrase (a finding's message …) by its
    template's translation in the context "core", its parts filled in; any other text as it is."""
    return phrases.say(text, _translate_phrase, word)


def _translate_phrase(template: str) -> str:
    return QCoreApplication.translate(phrases.CONTEXT, template)


def status(code: str | None) -> str:
    """A region-year's status; none stored (None, "") reads 未填报."""
    return word("status", code or "empty")


def role(code: str) -> str:
    return word("role", code)


def source(text: str | None) -> str:
    """Where a change came from: "导入 2021.xlsx" for "import:2021.xlsx#<sha256>", "粘贴" for "paste"
    (as desktop.domain.source_name, translated)."""
    if not text:
        return ""
    if text.startswith("import:"):
        return f"{word('source', 'import')} {text[len('import:'):].split('#', 1)[0]}"
    return word("source", text.split("#", 1)[0])
