"""The ``partways`` command line: the parser, and the dispatch to each command.

Paths that need no screen (``validate``, ``history``, ``coach``, ``--version``)
never import Textual: the terminal app is imported only inside the commands
that open it. The commands that need no screen live in :mod:`partways.commands`.
"""

from __future__ import annotations

import argparse
import json
import sys

from partways import __version__
from partways.commands.checklist import add_parser as _add_checklist
from partways.commands.common import PROG, UsageError
from partways.commands.common import check_extra_dirs as _check_extra_dirs
from partways.commands.common import history_store as _store
from partways.commands.common import scenario_dirs as _scenario_dirs
from partways.commands.history import cmd_history
from partways.commands.validate import cmd_validate

# The commands import what they need when they run: `--version` and `coach`
# should not pay for the others (see benchmarks/run.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path
    from typing import Any, NoReturn

    from partways.loading import PackLoader
    from partways.scenario.catalog import Catalog
    from partways.scenario.diagnostics import Diagnostic
    from partways.scenario.model import Scenario

__all__ = ["PROG", "UsageError", "build_parser", "cmd_history", "cmd_validate", "main"]

_SCENARIOS_AFTER = "scenarios_after_command"


def _common(scenarios_dest: str = "scenarios") -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--scenarios",
        dest=scenarios_dest,
        metavar="DIR",
        action="append",
        default=argparse.SUPPRESS,
        help="add a folder of scenario packs (repeatable; also PARTWAYS_SCENARIOS)",
    )
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the history is kept (also PARTWAYS_DATA_DIR)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    # A subcommand's namespace overwrites the top level's, so `--scenarios` after
    # the command goes to its own dest and is appended in main(): both are kept.
    common = _common(_SCENARIOS_AFTER)
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[_common()],
        description="Rehearse ending a client relationship, with a coach in your terminal.",
        epilog="Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.set_defaults(func=cmd_app)  # no command: open the app
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", parents=[common], help="start straight into one rehearsal")
    play.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a path to a file")
    play.add_argument("--client", metavar="NAME", help="the client's name for {client}")
    play.add_argument("--you", metavar="NAME", help="your name for {you}")
    play.set_defaults(func=cmd_play)

    validate = sub.add_parser("validate", parents=[common], help="check scenario files or folders")
    validate.add_argument("paths", metavar="PATH", nargs="*", help="files or folders")
    validate.add_argument("--json", action="store_true", help="print a JSON list")
    walking = validate.add_mutually_exclusive_group()
    walking.add_argument(
        "--walk", metavar="N", type=int, help="also play N seeded random walks of each scenario"
    )
    walking.add_argument(
        "--cover", action="store_true", help="also play paths that take every line and reply"
    )
    validate.add_argument("--seed", metavar="S", type=int, help="the first walk's seed")
    validate.set_defaults(func=cmd_validate)

    _add_new(sub, common)
    _add_map(sub, common)

    _add_history(sub, common)

    coach = sub.add_parser("coach", parents=[common], help="coach one reply or message draft")
    coach.add_argument(
        "text",
        metavar="TEXT",
        nargs="?",
        help="the text (default: stdin, read as UTF-8; at most 1 MiB)",
    )
    coach.add_argument("--lang", metavar="LANG", help="en, sv, fr, hr or bg (default: detect)")
    coach.add_argument(
        "--json", action="store_true", help="print one JSON object (ASCII, \\u escapes)"
    )
    coach.add_argument(
        "--pad",
        action="store_true",
        help="open the coach pad in the app (with TEXT in it, if given)",
    )
    coach.set_defaults(func=cmd_coach)
    _add_drill(sub, common)
    _add_checklist(sub, common)
    return parser


def _add_history(sub: Any, common: argparse.ArgumentParser) -> None:
    history = sub.add_parser(
        "history",
        parents=[common],
        help="list finished rehearsals; export or import them",
        usage=f"{PROG} history [--json | --csv] | {PROG} history {{export,import}} FILE",
    )
    history.add_argument(
        "action", nargs="?", choices=("export", "import"), help="export or import FILE"
    )
    history.add_argument("file", metavar="FILE", nargs="?", help="the JSON file")
    shape = history.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print a JSON list (with transcripts)")
    shape.add_argument("--csv", action="store_true", help="print CSV, one row per rehearsal")
    history.set_defaults(func=cmd_history)


def _add_new(sub: Any, common: argparse.ArgumentParser) -> None:
    from partways.vocab import LANGUAGES, REACTIONS, REASONS

    new = sub.add_parser("new", parents=[common], help="write a small scenario to start from")
    new.add_argument("id", metavar="ID", help="the scenario's id, like 'angry-late-payer'")
    words = {
        name: [str(word) for word in table]
        for name, table in (("lang", LANGUAGES), ("reaction", REACTIONS), ("reason", REASONS))
    }
    new.add_argument("--lang", choices=words["lang"], default="en", help="its language (en)")
    new.add_argument("--reaction", choices=words["reaction"], default="pushback", help="(pushback)")
    new.add_argument("--reason", choices=words["reason"], default="other", help="(other)")
    new.add_argument("-o", "--output", metavar="FILE", help="where to write it (ID.yaml)")
    new.set_defaults(func=_lazy("partways.commands.new", "cmd_new"))


def _add_map(sub: Any, common: argparse.ArgumentParser) -> None:
    map_ = sub.add_parser("map", parents=[common], help="print a scenario as a tree")
    map_.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a path to a file")
    map_.add_argument("--path", metavar="NODE,...", help="node ids of a path to mark")
    map_.set_defaults(func=_lazy("partways.commands.map", "cmd_map"))


def _lazy(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A command imported only when it runs."""

    def run(options: argparse.Namespace) -> int:
        from importlib import import_module

        command: Callable[[argparse.Namespace], int] = getattr(import_module(module), name)
        return command(options)

    return run


def _add_drill(sub: Any, common: argparse.ArgumentParser) -> None:
    drill = sub.add_parser("drill", parents=[common], help="open the app in a drill")
    drill.add_argument(
        "--due",
        action="store_true",
        help="rehearse the scenario due next (default: quick-fire lines)",
    )
    drill.set_defaults(func=cmd_drill)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["--version"], ["-V"]):  # fast path: no argparse help machinery
        print(f"{PROG} {__version__}")
        return 0
    parser = build_parser()
    options = parser.parse_args(args)
    after = vars(options).pop(_SCENARIOS_AFTER, [])
    if after:
        options.scenarios = [*getattr(options, "scenarios", []), *after]
    try:
        status: int = options.func(options)
        return status
    except UsageError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _fail(message: str) -> NoReturn:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    raise SystemExit(2)


# -- coach --------------------------------------------------------------------


def cmd_coach(options: argparse.Namespace) -> int:
    """Exit 0 when the text is firm, 1 when it is not (2 for bad arguments)."""
    from partways.coach.analysis import analyze
    from partways.coach.intake import TooLong, from_argument, is_blank, read_input
    from partways.text import visible
    from partways.vocab import LANGUAGES, Stance

    if options.lang is not None and options.lang not in LANGUAGES:
        raise UsageError(f"--lang {visible(options.lang)}: use one of {', '.join(LANGUAGES)}")
    if options.pad:
        if options.json:
            raise UsageError("--pad opens the app: it prints no JSON")
        # Standard input stays the terminal's: the draft comes from TEXT only.
        return cmd_app(options, pad=(options.text or "", options.lang))
    try:
        text = from_argument(options.text) if options.text is not None else read_input(sys.stdin)
    except TooLong as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        from partways.fileio import describe

        raise UsageError(f"cannot read standard input: {describe(error)}") from None
    if is_blank(text):
        raise UsageError("nothing to coach: the text is empty")
    analysis = analyze(text, options.lang)
    status = 0 if analysis.stance == Stance.FIRM else 1
    if options.json:
        # ASCII with \u escapes: the same bytes in any locale, no raw control character.
        print(json.dumps(analysis.to_json(), ensure_ascii=True))
        return status
    from partways.coach.render import render, wants_colour

    render(analysis, text, sys.stdout, wants_colour(sys.stdout))
    return status


# -- the app ------------------------------------------------------------------


def _packs(options: argparse.Namespace) -> PackLoader:
    """Check the extra folders now (exit 2 if one is missing); load later."""
    from partways.loading import PackLoader
    from partways.paths import catalog_cache

    _check_extra_dirs(options)
    return PackLoader(
        tuple(p for p in _scenario_dirs(options) if p.exists()),
        cache_file=catalog_cache(),
    )


def _catalog(options: argparse.Namespace) -> Catalog:
    return _packs(options)()


def cmd_app(
    options: argparse.Namespace,
    start: Scenario | None = None,
    catalog: Catalog | None = None,
    pad: tuple[str, str | None] | None = None,
    drill: str | None = None,
    checklist: bool = False,
    packs: PackLoader | None = None,
    **names: str,
) -> int:
    import gc
    from functools import partial

    from partways.paths import data_dir

    folder = data_dir(getattr(options, "data_dir", None))
    # Opened in the app's first worker: TinyDB's import stays off the start-up path.
    store = partial(_store, options)
    # Start-up (Textual's import, the first screen) makes many objects and frees
    # few: the garbage collector would only walk them again and again. It is
    # paused until the first screen is up (the app's on_ready), or the app ends.
    gc.disable()
    try:
        from partways.loading import PackLoader
        from partways.tui.app import PartwaysApp  # the only place Textual is imported

        # The app decides (see partways.loading) whether the packs load before its
        # first screen or in a worker behind it.
        if catalog is not None:
            packs = PackLoader.of(catalog)
        app = PartwaysApp(
            packs or _packs(options),
            store,
            start=start,
            pad=pad,
            drill=drill,
            data_dir=folder,
            **names,
        )
        app.start_on_checklist = checklist
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0


def cmd_drill(options: argparse.Namespace) -> int:
    """Open the app in the quick-fire drill, or (``--due``) on the scenario due next."""
    return cmd_app(options, drill="due" if options.due else "quickfire")


def _cataloged(catalog: Catalog, path: Path) -> Scenario | None:
    """The catalog's scenario read from the file at ``path``, if it holds one."""
    try:
        wanted = path.resolve()
        return next(
            (s for s in catalog.scenarios if s.path is not None and s.path.resolve() == wanted),
            None,
        )
    except (OSError, RuntimeError):  # a symlink loop: the loader says so
        return None


def cmd_play(options: argparse.Namespace) -> int:
    from pathlib import Path

    packs = _packs(options)
    wanted: str = options.scenario
    path = Path(wanted).expanduser()
    names = {k: v for k, v in (("client", options.client), ("you", options.you)) if v}
    is_file = path.suffix in (".yaml", ".yml") or path.is_file()
    if is_file:
        from partways.scenario.catalog import missing_paths

        if missing_paths([path]):
            raise UsageError(f"{wanted}: no such file")
    # From the cache alone when it holds this scenario: the others load behind the
    # first screen. Otherwise the catalog is loaded now (and says what is wrong).
    scenario = packs.one(path=path) if is_file else packs.one(scenario_id=wanted)
    if scenario is not None:
        return cmd_app(options, start=scenario, packs=packs, **names)
    catalog = packs()
    found = _play_file(catalog, path, wanted) if is_file else _play_id(catalog, wanted)
    if found is None:
        return 1
    return cmd_app(options, start=found, catalog=catalog, **names)


def _play_file(catalog: Catalog, path: Path, wanted: str) -> Scenario | None:
    """The scenario in the file at ``path``, or None after printing why it is not valid.

    A file the catalog holds was validated already: no YAML to read before the first
    screen. Anything else that is not a readable file (a folder, a symlink loop, a
    FIFO) is reported by the loader, with the reason."""
    scenario = _cataloged(catalog, path)
    problems: list[Diagnostic] = []
    if scenario is None:
        from partways.scenario.loader import load_file

        scenario, problems = load_file(path, wanted)
    if scenario is None:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        print(f"{PROG}: {wanted} is not a valid scenario", file=sys.stderr)
    return scenario


def _play_id(catalog: Catalog, wanted: str) -> Scenario:
    """The scenario with id ``wanted``; a usage error with the closest id if none."""
    from difflib import get_close_matches

    scenario = catalog.find(wanted)
    if scenario is None:
        hint = get_close_matches(wanted, [s.id for s in catalog.scenarios], n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        raise UsageError(f"no scenario with id '{wanted}'{suggestion} (see `partways validate`)")
    return scenario


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
