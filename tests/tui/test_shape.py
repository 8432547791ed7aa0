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
    # The drills (py-fsrs) and the checklist's model: in workers and handlers only.
    "partways.drills.calendar",
    "partways.drills.deck",
    "partways.drills.habits",
    "partways.drills.overview",
    "partways.drills.quickfire",
    "partways.drills.rating",
    "partways.checklist.model",
    "partways.engine",
    "partways.tui.screens.conversation",
    "partways.tui.screens.ending",
    "partways.tui.screens.dialogs",
    "partways.tui.screens.pad",
    "partways.tui.screens.map",
    "partways.tui.screens.history",
    "partways.tui.screens.replay",
    "partways.tui.screens.quickfire",
    # The drill cards' store (its collection reads and writes files): in workers only.
    "partways.store.collection",
    "partways.store.drills",
    # The checklist's screens, its template (PyYAML) and letters, when first used.
    "partways.checklist.edit",
    "partways.checklist.letter",
    "partways.checklist.template",
    "partways.store.checklists",
    "partways.tui.screens.checklist",
    "partways.tui.screens.checklist_detail",
    "partways.tui.screens.checklist_export",
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


def _is_store(node: ast.AST) -> bool:
    """``self.store.add``, ``self.checklist_store.all``...: a use of a store."""
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr.endswith("store")
    )


def _is_thread_worker(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Decorated ``@work(thread=True, ...)``."""
    for decorator in func.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and getattr(decorator.func, "id", None) == "work"
            and any(
                k.arg == "thread" and getattr(k.value, "value", False) is True
                for k in decorator.keywords
            )
        ):
            return True
    return False


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)]


def _off_ui_thread(tree: ast.Module) -> set[str]:
    """The module's ``OFF_UI_THREAD`` names (functions that call a store without
    being workers: they run only in workers, or when the app closes)."""
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and getattr(stmt.targets[0], "id", "") == "OFF_UI_THREAD":
            return {c.value for c in ast.walk(stmt.value) if isinstance(c, ast.Constant)}
    return set()


def _calls(func: ast.AST) -> set[str]:
    return {
        node.func.attr
        for node in ast.walk(func)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }


def test_stores_are_called_only_from_thread_workers() -> None:
    """Screens and widgets never touch a store; the app and its flows call stores
    only in ``@work(thread=True)`` workers, or in the functions a module declares
    ``OFF_UI_THREAD``, which are called only from workers and ``on_unmount``."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in modules(TUI)}
    off_ui: set[str] = set()
    for tree in trees.values():
        off_ui |= _off_ui_thread(tree)
    for path, tree in trees.items():
        coordinates = path.name == "app.py" or path.parent.name == "flows"
        for func in _functions(tree):
            if not any(_is_store(node) for node in ast.walk(func)):
                continue
            where = f"{path.relative_to(SRC)}: {func.name}"
            assert coordinates, f"{where} uses a store outside the app and its flows"
            assert _is_thread_worker(func) or func.name in off_ui, f"{where} is not a worker"
        for func in _functions(tree):
            called = _calls(func) & off_ui
            if called and func.name not in off_ui and func.name != "on_unmount":
                assert _is_thread_worker(func), f"{path.name}: {func.name} calls {called}"


def test_the_store_rule_catches_a_store_call_on_the_ui_thread() -> None:
    bad = ast.parse("def on_key(self):\n    self.store.add(1)\n")
    func = _functions(bad)[0]
    assert any(_is_store(node) for node in ast.walk(func))
    assert not _is_thread_worker(func)
    good = ast.parse("@work(thread=True)\ndef save(self):\n    self.store.add(1)\n")
    assert _is_thread_worker(_functions(good)[0])


def test_functions_and_files_stay_small() -> None:
    """Everywhere in ``src/partways``: no file over 400 lines, no function over 60."""
    for path in modules(SRC):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= 400, path.relative_to(SRC)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 60, f"{path.relative_to(SRC)}: {node.name} has {length} lines"


#: What the first screen may import from partways, besides the app, its flows and
#: the home screen: nothing of the domain but the vocabulary and the text filter.
#: Everything else (the engine, the coach, the stores, the scenario model, the
#: drills, the checklist) is imported late, behind the first paint.
START_UP_FORBIDDEN = (
    "partways.engine",
    "partways.coach",
    "partways.store",
    "partways.scenario",
    "partways.drills",
    "partways.checklist.",
    "partways.records",
    "fsrs",
    "tinydb",
    "yaml",
    "filelock",
)


def test_the_app_module_imports_nothing_the_first_screen_does_not_need() -> None:
    """Start-up regression guard (issue 7's first-screen goal): importing the CLI and
    the app, as ``partways`` does before its first screen, pulls in no domain module
    that screen does not need. A new flow must import its domain inside functions."""
    import subprocess
    import sys

    code = "import sys, partways.cli, partways.tui.app\nprint('\\n'.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    early = [m for m in loaded if m.startswith(START_UP_FORBIDDEN)]
    assert not early, early
