"""Sentences of the core that the window can say in another language.

The core speaks Simplified Chinese: the command line prints its messages, the reports and workbooks carry
them, and tests compare them, all as plain strings. A `Phrase` is such a string, the Chinese itself, that
also remembers the template it was made from and its parts:

    Phrase("较{year}年", year=2022)          == "较2022年"
    Phrase("{since}下降{diff}%", since=Phrase("较{year}年", year=2022), diff="3.1")

so that the window can translate the template (Qt's context "core", desktop.ui.vocabulary.say) and fill in
the parts, each of them translated in turn when it is a Phrase. The first argument is always a literal:
scripts/build_translations.py --update finds every `Phrase("…")` of desktop/ (outside desktop/ui) and puts
its template into resources/translations/app_en.ts; tests/test_ui_translation.py checks each has its English.
Parts are strings (numbers already formatted as the Chinese shows them), Phrases, Words (a vocabulary's word)
or tuples of them (lines, joined by line breaks). Anything that joins a Phrase to other text gets a plain string:
build the whole sentence as one Phrase. An exception of the core whose one argument is a Phrase is said the same
way (desktop.ui.messages.describe).
"""

from __future__ import annotations

CONTEXT = "core"


class Phrase(str):
    """A sentence in Chinese, with the template and the parts it was made from (`template`, `parts`)."""

    template: str
    parts: dict[str, object]

    def __new__(cls, template: str, /, **parts: object) -> "Phrase":
        shown = {k: "\n".join(v) if isinstance(v, tuple) else v for k, v in parts.items()}
        self = super().__new__(cls, template.format(**shown) if parts else template)
        self.template = template
        self.parts = parts
        return self

    def __reduce__(self):  # a copied or pickled Phrase stays one
        return _rebuild, (self.template, self.parts)


def _rebuild(template: str, parts: dict[str, object]) -> Phrase:
    return Phrase(template, **parts)


class Word(str):
    """A word of one of the domain's vocabularies (desktop.domain.METHOD_NAMES …) as a part of a Phrase: the
    window says it as it says the vocabulary (desktop.ui.vocabulary)."""

    vocabulary: str
    code: str

    def __new__(cls, vocabulary: str, code: str, text: str) -> "Word":
        self = super().__new__(cls, text)
        self.vocabulary = vocabulary
        self.code = code
        return self

    def __reduce__(self):
        return Word, (self.vocabulary, self.code, str(self))


def say(text: object, translate, word=None) -> str:
    """`text` in the language of `translate(template) -> template`: a Phrase's template translated and its parts
    filled in (each Phrase among them said in turn, each Word by `word(vocabulary, code)`); any other text as
    it is."""
    if isinstance(text, Word):
        return word(text.vocabulary, text.code) if word is not None else str(text)
    if not isinstance(text, Phrase):
        return str(text)
    template = translate(text.template) or text.template
    parts = {k: "\n".join(say(x, translate, word) for x in v) if isinstance(v, tuple) else
             say(v, translate, word) if isinstance(v, (Phrase, Word)) else v for k, v in text.parts.items()}
    try:
        return template.format(**parts) if parts else template
    except (KeyError, IndexError, ValueError):
        return str(text)  # a translation naming a part the template has not: the Chinese, never a crash


def enumeration(items) -> str:
    """Items listed in a sentence, joined by 、 (", " in English), each said in turn; "" for none."""
    items = list(items)
    if not items:
        return ""
    listed = items[-1]
    for item in reversed(items[:-1]):
        listed = Phrase("{first}、{rest}", first=item, rest=listed)
    return listed


def reason_of(exc: BaseException) -> str:
    """What an exception says, to be a part of another Phrase: its one argument when that is text (a Phrase stays
    one, said in the window's language), else str(exc)."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)


def templates_in(folder, skip=None) -> set[str]:
    """Every template of a `Phrase("…")` (or `Phrase("…" if … else "…")`) in the Python files under `folder`
    but those under `skip`, for the translation file (scripts/build_translations.py --update) and its test."""
    import ast
    from pathlib import Path

    found: set[str] = set()
    for path in sorted(Path(folder).rglob("*.py")):
        if skip is not None and path.is_relative_to(skip):
            continue
        here = path.resolve() == Path(__file__).resolve()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not (isinstance(node, ast.Call) and node.args and getattr(node.func, "id", None) == "Phrase"):
                continue
            first = node.args[0]
            if here and isinstance(first, ast.Name):
                continue  # _rebuild makes Phrases of templates already found
            for arg in (first.body, first.orelse) if isinstance(first, ast.IfExp) else (first,):
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    raise ValueError(f"{path}:{node.lineno}: a Phrase's template must be a literal")
                found.add(arg.value)
    return found
