"""Every sentence a user reads ends with a full stop (or «?», «!», «…»): messages, form errors, help
texts, refusals, e-mail and SMS bodies, page hints. Headings, labels, buttons and table cells are not
sentences and are not checked.

Where the sentences are found:
- the code: the text given to the messages framework and `message_user`, to ValidationError and the
  refusals (`raise …Refused/…Invalid/…NotAllowed/…Error(text)`), `help_text` and `error_messages`
  (the Python syntax tree of every module of the portal's apps), checked in Russian;
- every catalogue of the portal: a msgid that ends a sentence has a translation that ends it too;
- allauth's message templates as the portal renders them;
- the templates: the page hints (`form-text`, `alert`, `text-muted`/`text-secondary`, `small`, `<p>`
  hints) and the e-mail and SMS bodies.

A text may end with a link (`%(url)s`, `{{ url }}`), or with a value after a colon («Причина: …»):
the value is the user's own text or a link, and a full stop would be taken into it."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
SKIPPED_PARTS = {".venv", "node_modules", "var", "migrations", "tests", "testing", "bench", "static"}
APPS = sorted(path for path in ROOT.iterdir() if (path / "apps.py").exists() or (path / "__init__.py").exists()
              and (path / "models.py").exists())
END = re.compile(r"[.?!…][»\")]*$")
# A trailing value after a colon or a link, which a full stop would spoil (see the module's docstring).
TRAILING_VALUE = re.compile(r"(:\s*|\.\s+)(%\([a-z_]+\)[sd]|\{[a-z_]+\}|X)$|%\(url\)s$|\{url\}$")
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}
LEVELS = {"success", "info", "warning", "error", "debug"}
NOT_USER_FACING = {"UsageError", "ValueError", "TypeError", "KeyError", "RuntimeError", "ImproperlyConfigured",
                   "OSError", "NotImplementedError", "AssertionError", "LookupError", "AttributeError", "CommandError"}
REFUSAL = re.compile(r"(Refused|Invalid|NotAllowed|Error)$")


# Modules whose refusals nobody reads: an OCSP responder's faults are logged and the verification goes on
# without it (signing/cms/ocsp.py, «a bad responder never breaks a verification»).
LOGGED_ONLY = {"signing/cms/ocsp.py"}


def _modules():
    for app in APPS:
        for path in app.rglob("*.py"):
            relative = path.relative_to(ROOT)
            if not SKIPPED_PARTS & set(relative.parts) and relative.as_posix() not in LOGGED_ONLY:
                yield path


def _texts(node):
    """The literal texts a node gives: a string, _("…"), ngettext's two, "…" % {...}, "…".format()."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _texts(node.left)
    if isinstance(node, ast.Call):
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name in GETTEXT and node.args:
            args = node.args[1:] if name.startswith("pgettext") else node.args
            if name.startswith("ngettext"):
                return [text for arg in args[:2] for text in _texts(arg)]
            return _texts(args[0])
        if name == "format" and isinstance(node.func, ast.Attribute):
            return _texts(node.func.value)
    return []


def _call_sites(node):
    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
    owner = getattr(getattr(node.func, "value", None), "id", None)
    if owner == "messages" and name in LEVELS and len(node.args) >= 2:
        yield "message", node.args[1]
    elif name == "add_message" and len(node.args) >= 3:
        yield "message", node.args[2]
    elif name == "message_user" and len(node.args) >= 2:
        yield "message", node.args[1]
    elif name == "ValidationError" and node.args:
        yield "form error", node.args[0]
    for keyword in node.keywords:
        if keyword.arg == "help_text":
            yield "help text", keyword.value
        elif keyword.arg == "error_messages" and isinstance(keyword.value, ast.Dict):
            yield from (("form error", value) for value in keyword.value.values)


def _assigned(node):
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        name = getattr(target, "id", None) or getattr(target, "attr", None)
        if name == "help_text":
            yield "help text", node.value
        elif name in ("error_messages", "default_error_messages") and isinstance(node.value, ast.Dict):
            yield from (("form error", value) for value in node.value.values)


def _sites(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield from _call_sites(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            yield from _assigned(node)
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            name = getattr(node.exc.func, "id", None) or getattr(node.exc.func, "attr", None) or ""
            if REFUSAL.search(name) and name not in NOT_USER_FACING:
                yield "refusal", node.exc.args[0]


def _unfinished(text):
    text = " ".join(text.split())
    return " " in text and not END.search(text) and not TRAILING_VALUE.search(text)


def test_code_sentences_end_with_a_full_stop():
    found = []
    with translation.override("ru"):
        for path in _modules():
            for kind, node in _sites(ast.parse(path.read_text(encoding="utf-8"))):
                for text in _texts(node):
                    russian = translation.gettext(text) if text else text
                    if _unfinished(russian):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {kind}: «{russian}»")
    assert not found, "Sentences without a full stop:\n" + "\n".join(found)


def _catalogues():
    return sorted((ROOT / "locale").rglob("django.mo"))


def test_a_translation_ends_a_sentence_where_its_msgid_does():
    found = []
    for path in _catalogues():
        with path.open("rb") as file:
            catalogue = gettext.GNUTranslations(file)._catalog
        for key, russian in catalogue.items():
            msgid = key[0] if isinstance(key, tuple) else key
            if msgid and END.search(msgid.strip()) and not END.search(russian.strip()):
                found.append(f"{path.relative_to(ROOT)}: «{msgid}» → «{russian}»")
    assert not found, "\n".join(found)


class _User:
    username = display_name = "ivanov"

    def __str__(self):
        return "ivanov"


def test_allauth_messages_end_with_a_full_stop():
    import allauth

    base = Path(allauth.__file__).parent / "templates"
    found = []
    with translation.override("ru"):
        for path in sorted(base.rglob("messages/*.txt")):
            name = str(path.relative_to(base))
            text = render_to_string(name, {"user": _User(), "email": "ivanov@example.ru", "phone": "+79123456789",
                                           "provider": "ЕСИА"}).strip()
            if text and _unfinished(text):
                found.append(f"{name}: «{text}»")
    assert not found, "\n".join(found)


# Hints: form help and alerts in any element; secondary text only as a paragraph (in a table cell or a
# badge it is a label).
HINT = re.compile(r'<(p|div|small|span)\b([^>]*class="[^"]*\b(?:form-text|alert(?!-heading)|hint)\b[^"]*"[^>]*)>'
                  r'(.*?)</\1>|<(p)\b([^>]*class="[^"]*\b(?:text-muted|text-secondary|text-body-secondary|small)\b'
                  r'[^"]*"[^>]*)>(.*?)</p>', re.S)
PARAGRAPH = re.compile(r"<p\b([^>]*)>(.*?)</p>", re.S)
# Links and buttons (a tile's caption is its link's name), codes, values and headings set as bold text.
NOT_TEXT = re.compile(r"<(a|button|form|select|code|time|strong)\b.*?</\1>|"
                      r"<(div|p|span)\b[^>]*class=\"[^\"]*\b(?:fw-semibold|fw-bold|alert-heading)\b[^>]*>.*?</\2>",
                      re.S)


def _plain(html):
    """The text a person reads, with template variables as X and links, buttons and codes left out."""
    html = re.sub(r"\{%\s*translate\s+\"([^\"]*)\"[^%]*%\}", r"\1", html)
    html = re.sub(r"\{%\s*(end)?blocktranslate[^%]*%\}", "", html)
    html = NOT_TEXT.sub(" X ", html)
    html = re.sub(r"\{%.*?%\}", " ", html, flags=re.S)
    html = re.sub(r"\{\{.*?\}\}", "X", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>|\{#.*?#\}", " ", html).split())


def _templates():
    for app in [*APPS, ROOT / "templates"]:
        for path in app.rglob("*.html"):
            if not SKIPPED_PARTS & set(path.relative_to(ROOT).parts) and "subject" not in path.name:
                yield path


def test_page_hints_and_message_bodies_end_with_a_full_stop():
    found = []
    with translation.override("ru"):
        for path in _templates():
            source = NOT_TEXT.sub(" X ", path.read_text(encoding="utf-8"))
            matches = [match.group(3) or match.group(6) or "" for match in HINT.finditer(source)]
            if "notifications" in path.parts:
                matches += [match.group(2) for match in PARAGRAPH.finditer(source)]
            for html in matches:
                text = _plain(html)
                russian = translation.gettext(text)
                if len(text.split()) >= 3 and _unfinished(russian) and not re.search(r"X$", text):
                    found.append(f"{path.relative_to(ROOT)}: «{russian}»")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("text", ["Заявка подана.", "Отправить код?", "Причина: %(reason)s",
                                  "Заявка 2026-000001: подписана. %(url)s", "Подробнее: {url}"])
def test_finished_sentences_pass(text):
    assert not _unfinished(text)


@pytest.mark.parametrize("text", ["Заявка подана", "Введите код из SMS", "Файл не загружен: %(name)s «x»"])
def test_unfinished_sentences_are_found(text):
    assert _unfinished(text)
