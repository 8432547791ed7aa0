"""The TUI's shape, checked: data flows one way, and what is imported late says why."""

from __future__ import annotations

import ast
from pathlib import Path

import partways.tui

TUI = Path(partways.tui.__file__).parent
SRC = TUI.parent

#: Imported inside a function of the app, only so that the first screen comes up
#: without the engine (which loads the coach) and the screens that need it.
LATE_FOR_START_UP = {
    "partways.engine",
    "partways.tui.screens.conversation",
    "partways.tui.screens.ending",
    "partways.tui.screens.dialogs",
    "partways.tui.screens.pad",
    # The checklist's screens, its template (PyYAML) and letters, when first used.
    "partways.checklist.letter",
    "partways.checklist.template",
    "partways.tui.screens.checklist",
    "partways.tui.screens.checklist_detail",
    "partways.tui.screens.checklist_letter",
    "partways.tui.screens.checklist_new",
}


def imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """``(module, at top level)`` for every import in ``tree``."""
    top = {id(node) for node in getattr(tree, "body", [])}
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, id(node) in top or _guarded(tree, node)))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, id(node) in top) for alias in node.names)
    return found


def _guarded(tree: ast.AST, node: ast.AST) -> bool:
    """An import under a module-level ``if TYPE_CHECKING:`` counts as top level."""
    return any(
        isinstance(stmt, ast.If) and node in ast.walk(stmt) for stmt in getattr(tree, "body", [])
    )


def modules(*folders: Path) -> list[Path]:
    return sorted(path for folder in folders for path in folder.rglob("*.py"))


def test_no_screen_or_widget_imports_the_app() -> None:
    for path in modules(TUI / "screens", TUI / "widgets"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [name for name, _ in imports(tree)]
        assert "partways.tui.app" not in names, path.name
        late = [name for name, top in imports(tree) if not top]
        assert not late, f"{path.name} imports inside a function: {late}"


def test_the_only_late_imports_are_the_start_up_ones() -> None:
    for path in modules(TUI):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        late = {name for name, top in imports(tree) if not top}
        assert late <= LATE_FOR_START_UP, f"{path.relative_to(SRC)}: {late - LATE_FOR_START_UP}"


#: The app's functions that call the history store: one small place, run in workers
#: (and when the app closes), never on the UI thread while it runs.
STORE_CALLERS = {"_read_best", "log_outcome", "_write_on_closing"}


def store_users(tree: ast.AST) -> set[str]:
    """The functions in ``tree`` that use an attribute of ``<something>.store``."""
    users: set[str] = set()
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(func):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "store"
                ):
                    users.add(func.name)
    return users


def test_only_the_app_workers_call_the_history_store() -> None:
    for path in modules(TUI):
        users = store_users(ast.parse(path.read_text(encoding="utf-8")))
        if path.name == "app.py":
            assert users == STORE_CALLERS
        else:
            assert not users, path.relative_to(SRC)


def test_functions_and_files_stay_small() -> None:
    """Everywhere in ``src/partways``: no file over 400 lines, no function over 60."""
    for path in modules(SRC):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= 400, path.relative_to(SRC)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 60, f"{path.relative_to(SRC)}: {node.name} has {length} lines"
