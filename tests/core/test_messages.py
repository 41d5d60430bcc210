"""Every user-facing message goes through gettext: no f-string with words in it outside gettext, except
where the text is not a message (SQL, log lines, demo and synthetic data, object representations)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "kompass"
WORDS = re.compile(r"[A-Za-zÅÄÖåäö]{3,} [A-Za-zÅÄÖåäö]{2,}")
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|EXPLAIN|WITH)\b")
MARKUP = re.compile(r"^\s*<|\w=\"")  # SVG/HTML built in code; its visible texts are checked where they are made
# Files whose f-strings are not messages: demo content and synthetic benchmark data, the settings (read
# before translations exist) and the full-text engines' query syntax.
DATA_FILES = {
    "core/demo.py",
    "evaluations/demo.py",
    "actionplans/demo.py",
    "comparison/synthetic.py",
    "settings.py",
    "search/backends.py",
}
# Programming errors for developers, not messages for users.
DEVELOPER_ERRORS = {"KeyError", "TypeError", "AttributeError", "AssertionError", "NotImplementedError"}
NOT_MESSAGES = {"__str__", "__repr__"}


def _raw_messages() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "migrations" in path.parts or relative in DATA_FILES:
            continue
        tree = ast.parse(path.read_text())
        for function, node in _f_strings(tree):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if WORDS.search(text) and not SQL.match(text) and not MARKUP.search(text) and function not in NOT_MESSAGES:
                found.append(f"{relative}:{node.lineno}: {text[:60]!r}")
    return found


def _f_strings(tree: ast.AST):
    """(enclosing function name, f-string) pairs, leaving out those inside gettext and logging calls."""

    def visit(node: ast.AST, function: str, skip: bool):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.Call) and _is_exempt_call(node):
            skip = True
        if isinstance(node, ast.JoinedStr):
            if not skip:
                yield function, node
            return
        for child in ast.iter_child_nodes(node):
            yield from visit(child, function, skip)

    yield from visit(tree, "", False)


def _is_exempt_call(call: ast.Call) -> bool:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
    return (
        name in {"_", "gettext", "ngettext", "gettext_lazy", "pgettext"}
        or name in DEVELOPER_ERRORS
        or owner in {"logger", "log", "logging", "re"}  # log lines and regular expressions
    )


def test_no_user_message_is_a_raw_f_string() -> None:
    assert _raw_messages() == []
