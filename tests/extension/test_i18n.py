"""Every word the extension shows comes from _locales/en/messages.json, so a translation is one file: the
manifest names its default locale, every key the code asks for exists, every key is used, and no sentence is
left as a literal in the extension's scripts or pages."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
MESSAGES = EXTENSION / "_locales" / "en" / "messages.json"
# Written by another engineer and outside this rule's reach for now: the handshake's MAC code has no words.
SCRIPTS = sorted(p for p in EXTENSION.rglob("*.js") if p.name != "session-crypto.js")
PAGES = sorted(EXTENSION.rglob("*.html"))
NAMES = {"Fathom", "LinkedIn", "X", "Chrome", "Firefox"}  # product and site names: the same in every language
# Programming errors, never shown to a user: they say what the code got wrong, for its developers.
INTERNAL = {"The overlay port was already taken over."}
TRANSLATED_ATTRIBUTES = ("placeholder", "title", "aria-label")

# One pass over a script: a comment or a string, whichever starts first ("http://…" is a string, not a comment).
TOKEN = re.compile(
    r'(?P<comment>//[^\n]*|/\*.*?\*/)|(?P<literal>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`)',
    re.DOTALL,
)
PLACEHOLDER = re.compile(r"\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")
# Words as people read them: a capitalised word followed by another word, or words ending a sentence.
PROSE = re.compile(r"\b[A-Z][a-z]+[ ,:;]+[A-Za-z]|[a-z]{2,} [a-z]{2,}[^`]*[.!?…:]$")
TECHNICAL = re.compile(r"[\[\]=#{}<>|\\]|^\s*(fathom|lsof|ss) ")  # selectors, markup, regexes, commands


def messages() -> dict[str, dict[str, str]]:
    return dict(json.loads(MESSAGES.read_text(encoding="utf-8")))


def strings_in(code: str) -> list[str]:
    """The string literals of `code`, comments skipped; a template's ${…} parts are code, searched in turn."""
    texts = []
    for match in TOKEN.finditer(code):
        literal = match.group("literal")
        if literal is None:
            continue
        body = literal[1:-1]
        if literal.startswith("`"):
            for part in PLACEHOLDER.findall(body):
                texts += strings_in(part)
            body = PLACEHOLDER.sub("", body)
        texts.append(body)
    return texts


def code_of(path: Path) -> str:
    """The script without its comments."""
    text = path.read_text(encoding="utf-8")
    return TOKEN.sub(lambda m: "" if m.group("comment") else m.group(0), text)


def literals(path: Path) -> list[str]:
    return strings_in(path.read_text(encoding="utf-8"))


class PageText(HTMLParser):
    """The words a page shows that no data-i18n* attribute replaces."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []  # (tag, whether data-i18n fills its text)
        self.left: list[str] = []
        self.keys: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in TRANSLATED_ATTRIBUTES:
            value = values.get(name)
            if value and f"data-i18n-{name}" not in values and " " in value:
                self.left.append(f"<{tag} {name}={value!r}>")
            if f"data-i18n-{name}" in values:
                self.keys.append(str(values[f"data-i18n-{name}"]))
        if "data-i18n" in values:
            self.keys.append(str(values["data-i18n"]))
        if tag not in ("input", "meta", "link", "br", "img"):
            self.open.append((tag, "data-i18n" in values))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        words = data.strip()
        if not re.search(r"[A-Za-z]", words) or words in NAMES:
            return
        if any(translated or tag in ("script", "style", "code") for tag, translated in self.open):
            return
        self.left.append(words)


def read_page(path: Path) -> PageText:
    parser = PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_the_manifest_names_its_default_locale_and_takes_its_words_from_it() -> None:
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["default_locale"] == "en"
    for value in (manifest["name"], manifest["description"], manifest["action"]["default_title"]):
        key = re.fullmatch(r"__MSG_(\w+)__", value)
        assert key and key.group(1) in messages(), value


def test_every_key_the_code_and_pages_ask_for_exists() -> None:
    known = messages()
    asked = []
    for path in SCRIPTS:
        asked += [(path.name, key) for key in re.findall(r"\bt\(\s*\"(\w+)\"", code_of(path))]
    for path in PAGES:
        asked += [(path.name, key) for key in read_page(path).keys]
    missing = [(where, key) for where, key in asked if key not in known]
    assert asked and missing == []


def test_every_key_in_messages_json_is_used() -> None:
    used = {text for path in SCRIPTS for text in literals(path)}
    for path in PAGES:
        used |= set(read_page(path).keys)
    used |= set(re.findall(r"__MSG_(\w+)__", (EXTENSION / "manifest.json").read_text(encoding="utf-8")))
    assert sorted(set(messages()) - used) == []


def test_no_sentence_is_left_as_a_literal_in_the_scripts() -> None:
    left = [
        f"{path.relative_to(EXTENSION)}: {text!r}"
        for path in SCRIPTS
        for text in literals(path)
        if PROSE.search(text) and not TECHNICAL.search(text) and text not in NAMES | INTERNAL
    ]
    assert left == []


def test_no_words_are_left_untranslated_in_the_pages() -> None:
    left = [f"{path.relative_to(EXTENSION)}: {text}" for path in PAGES for text in read_page(path).left]
    assert left == []


def test_every_message_fills_only_the_values_it_is_given() -> None:
    for key, entry in messages().items():
        assert set(entry) <= {"message", "description"}, key
        numbers = [int(n) for n in re.findall(r"(?<!\$)\$([1-9])", entry["message"])]
        assert numbers == [] or max(numbers) <= 3, key
