"""The ``partways`` command line.

Paths that need no screen (``validate``, ``history``, ``coach``, ``--version``)
never import Textual: the terminal app is imported only inside the commands
that open it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from partways import __version__

if TYPE_CHECKING:
    from partways.scenario.catalog import Catalog
    from partways.scenario.model import Scenario
    from partways.store.history import HistoryStore

PROG = "partways"
_SCENARIOS_AFTER = "scenarios_after_command"


class UsageError(Exception):
    """Bad arguments or a missing path: exit status 2."""


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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", parents=[common], help="start straight into one rehearsal")
    play.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a path to a file")
    play.add_argument("--client", metavar="NAME", help="the client's name for {client}")
    play.add_argument("--you", metavar="NAME", help="your name for {you}")

    validate = sub.add_parser("validate", parents=[common], help="check scenario files or folders")
    validate.add_argument("paths", metavar="PATH", nargs="*", help="files or folders")
    validate.add_argument("--json", action="store_true", help="print a JSON list")

    history = sub.add_parser("history", parents=[common], help="list finished rehearsals")
    history.add_argument("--json", action="store_true", help="print a JSON list")

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
    return parser


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
        if options.command == "validate":
            return cmd_validate(options)
        if options.command == "history":
            return cmd_history(options)
        if options.command == "coach":
            return cmd_coach(options)
        if options.command == "play":
            return cmd_play(options)
        return cmd_app(options)
    except UsageError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _fail(message: str) -> NoReturn:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _scenario_dirs(options: argparse.Namespace) -> list[Path]:
    from partways.paths import scenario_dirs

    return scenario_dirs(getattr(options, "scenarios", []))


def _store(options: argparse.Namespace) -> HistoryStore:
    from partways.paths import data_dir
    from partways.store.history import HistoryStore

    return HistoryStore(data_dir(getattr(options, "data_dir", None)))


def _check_extra_dirs(options: argparse.Namespace) -> None:
    for given in getattr(options, "scenarios", []):
        if not Path(given).expanduser().is_dir():
            raise UsageError(f"--scenarios {given}: no such folder")


# -- validate -----------------------------------------------------------------


def cmd_validate(options: argparse.Namespace) -> int:
    from partways.scenario.catalog import missing_paths, validate_paths

    paths: list[str | Path]
    if options.paths:
        # Strings, not Paths: a Path would turn "./a.yaml" into "a.yaml", and the
        # contract shows each PATH exactly as given.
        paths = list(options.paths)
        missing = missing_paths(paths)
        if missing:
            raise UsageError(f"{missing[0]}: no such file or folder")
    else:
        _check_extra_dirs(options)
        paths = [p for p in _scenario_dirs(options) if p.exists()]
    problems = validate_paths(paths)
    if options.json:
        print(json.dumps([p.to_json() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem.format())
        files = {p.path for p in problems}
        if problems:
            print(
                f"{len(problems)} problem{'s' * (len(problems) != 1)} "
                f"in {len(files)} file{'s' * (len(files) != 1)}",
                file=sys.stderr,
            )
    return 1 if problems else 0


# -- history ------------------------------------------------------------------


def cmd_history(options: argparse.Namespace) -> int:
    from partways.store.history import HistoryUnavailable
    from partways.text import visible

    store = _store(options)
    try:
        records = store.all()
    except HistoryUnavailable as error:
        print(f"{PROG}: error: cannot read the history: {visible(str(error))}", file=sys.stderr)
        return 1
    notice = store.take_notice()
    if notice:
        print(f"{PROG}: warning: {visible(notice)}", file=sys.stderr)
    if options.json:
        # The store tidied every string (no control characters); ensure_ascii=False
        # keeps the names readable.
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from partways.scores import SCORE_NAMES

    console = Console()
    if not records:
        console.print(Text("No rehearsals yet. Run `partways` to start one."))
        return 0
    table = Table(title=Text("Rehearsals, newest first"), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("started", no_wrap=True)
    table.add_column("scenario", no_wrap=True, overflow="ellipsis")
    table.add_column("outcome", no_wrap=True)
    for column in ("firm", "brief", "grace", "hand"):
        table.add_column(column, justify="right", no_wrap=True)
    for record in records:
        scores: dict[str, int] = record["scores"]
        started: str = record["started"]
        table.add_row(
            Text(visible(started[:16].replace("T", " "))),
            Text(visible(record["scenario"])),
            Text(visible(record["outcome"])),
            *(Text(str(scores[key])) for key in SCORE_NAMES),
        )
    console.print(table)
    return 0


# -- coach --------------------------------------------------------------------


def cmd_coach(options: argparse.Namespace) -> int:
    from partways.coach.classify import classify
    from partways.coach.detect import detect_language
    from partways.coach.intake import TooLong, for_stream, from_argument, is_blank, read_input
    from partways.fileio import describe
    from partways.scenario.model import LANGUAGES
    from partways.scores import Said, score
    from partways.text import visible

    if options.lang is not None and options.lang not in LANGUAGES:
        raise UsageError(f"--lang {visible(options.lang)}: use one of {', '.join(LANGUAGES)}")
    try:
        text = from_argument(options.text) if options.text is not None else read_input(sys.stdin)
    except TooLong as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"cannot read standard input: {describe(error)}") from None
    if is_blank(text):
        raise UsageError("nothing to coach: the text is empty")
    lang = options.lang or detect_language(text)
    analysis = classify(text, lang)
    scores = score([Said(text, analysis.stance, analysis.tags)]).to_json()
    payload = {
        "stance": analysis.stance,
        "language": analysis.language,
        "findings": [
            {"tag": f.tag, "start": f.start, "end": f.end, "text": f.text, "advice": f.advice}
            for f in analysis.findings
        ],
        "scores": scores,
    }
    if options.json:
        # ASCII with \u escapes: the same bytes in any locale, no raw control character.
        print(json.dumps(payload, ensure_ascii=True))
        return 0
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)

    def show(*parts: str | tuple[str, str]) -> None:
        # What the terminal's encoding cannot write is escaped, never an error.
        safe = [
            (for_stream(p[0], console.encoding), p[1])
            if isinstance(p, tuple)
            else for_stream(p, console.encoding)
            for p in parts
        ]
        console.print(Text.assemble(*safe))

    show(("stance: ", "bold"), analysis.stance, f"  ({analysis.language})")
    for f in analysis.findings:
        show(f"  {f.tag:<14} ", (f"'{visible(f.text)}'", "yellow"), f"  {visible(f.advice)}")
    show("  ".join(f"{k} {v}" for k, v in scores.items()))
    return 0


# -- the app ------------------------------------------------------------------


#: Packs smaller than this (the bundled ones are ~40 KiB) load before the first
#: screen: measured faster than a worker, whose imports compete with the first
#: paint. Larger collections load in a worker while the screen is already up.
LOAD_IN_WORKER_ABOVE = 256 * 1024


@dataclass(frozen=True)
class PackLoader:
    """Loads the scenario packs in ``folders`` when called (in a worker, or right away).

    With a ``cache_file``, a catalog validated on an earlier start is reused while
    no file has changed, so that a warm start never imports YAML.
    """

    folders: tuple[Path, ...]
    cache_file: Path | None = None

    def __call__(self) -> Catalog:
        if self.cache_file is not None:
            from partways.scenario.cache import load_catalog_cached

            return load_catalog_cached(list(self.folders), self.cache_file)
        from partways.scenario.catalog import load_catalog

        return load_catalog(list(self.folders))

    def size(self) -> int:
        """Bytes of YAML in the folders: a cheap guess at how long loading takes."""
        total = 0
        for folder in self.folders:
            try:
                total += sum(f.stat().st_size for f in folder.rglob("*.y*ml") if f.is_file())
            except OSError:
                return LOAD_IN_WORKER_ABOVE + 1  # unreadable: let the worker report it
        return total


def _packs(options: argparse.Namespace) -> PackLoader:
    """Check the extra folders now (exit 2 if one is missing); load later."""
    from partways.paths import data_dir

    _check_extra_dirs(options)
    return PackLoader(
        tuple(p for p in _scenario_dirs(options) if p.exists()),
        cache_file=data_dir(getattr(options, "data_dir", None)) / "cache" / "catalog.json",
    )


def _catalog(options: argparse.Namespace) -> Catalog:
    return _packs(options)()


def cmd_app(
    options: argparse.Namespace,
    start: Scenario | None = None,
    catalog: Catalog | None = None,
    **names: str,
) -> int:
    store = _store(options)
    from partways.tui.app import PartwaysApp  # the only place Textual is imported

    if catalog is None:
        packs = _packs(options)
        catalog_or_loader: Catalog | PackLoader = (
            packs if packs.size() > LOAD_IN_WORKER_ABOVE else packs()
        )
    else:
        catalog_or_loader = catalog
    app = PartwaysApp(
        catalog=catalog_or_loader,
        store=store,
        start=start,
        **names,
    )
    app.run()
    return app.return_code or 0


def cmd_play(options: argparse.Namespace) -> int:
    from difflib import get_close_matches

    catalog = _catalog(options)
    wanted: str = options.scenario
    path = Path(wanted).expanduser()
    scenario: Scenario | None = None
    if path.suffix in (".yaml", ".yml") or path.is_file():
        from partways.scenario.catalog import missing_paths

        if missing_paths([path]):
            raise UsageError(f"{wanted}: no such file")
        # Anything else that is not a readable file (a folder, a symlink loop, a
        # FIFO) is reported by the loader, with the reason.
        from partways.scenario.loader import load_file

        scenario, problems = load_file(path, wanted)
        if scenario is None:
            for problem in problems:
                print(problem.format(), file=sys.stderr)
            print(f"{PROG}: {wanted} is not a valid scenario", file=sys.stderr)
            return 1
    else:
        by_id = {s.id: s for s in catalog.scenarios}
        scenario = by_id.get(wanted)
        if scenario is None:
            hint = get_close_matches(wanted, list(by_id), n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            raise UsageError(
                f"no scenario with id '{wanted}'{suggestion} (see `partways validate`)"
            )
    names = {k: v for k, v in (("client", options.client), ("you", options.you)) if v}
    return cmd_app(options, start=scenario, catalog=catalog, **names)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
