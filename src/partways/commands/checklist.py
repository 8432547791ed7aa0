"""``partways checklist``: offboardings from the shell (``new``, ``edit``, ``list``, ``export``).

Bare ``partways checklist`` opens the app on the checklist screen; every other
path here runs without Textual. "Today" is read once, here, at the edge
(:func:`partways.checklist.today`, which honours ``PARTWAYS_TODAY``).
"""

from __future__ import annotations

import json
import sys

from partways.commands.common import PROG, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from datetime import date

    from partways.checklist.model import Offboarding
    from partways.store.checklists import ChecklistStore


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """The ``checklist`` command and its four actions."""
    from partways.vocab import LANGUAGES, REASONS

    checklist = sub.add_parser(
        "checklist", parents=[common], help="offboard a real client, step by step"
    )
    actions = checklist.add_subparsers(dest="action", metavar="ACTION")
    new = actions.add_parser("new", parents=[common], help="start an offboarding")
    new.add_argument("client", metavar="CLIENT", help="the client's name")
    new.add_argument("--talk", required=True, metavar="YYYY-MM-DD", help="the conversation's date")
    new.add_argument("--notice", required=True, metavar="DAYS", help="notice period in days")
    new.add_argument("--reason", default="other", metavar="REASON", help=", ".join(REASONS))
    new.add_argument("--contact", default="", metavar="TEXT", help="who to write to")
    new.add_argument(
        "--lang",
        default="en",
        metavar="LANG",
        help=f"the letter's language: {', '.join(LANGUAGES)}",
    )
    new.add_argument("--you", default="", metavar="NAME", help="your name, to sign the letter")
    new.add_argument("--agency", action="store_true", help="add the agencies' steps")
    new.add_argument(
        "--deliver",
        action="append",
        default=[],
        metavar="TEXT",
        help="a deliverable still owed (repeatable)",
    )
    _add_edit(actions, common)
    listing = actions.add_parser("list", parents=[common], help="list the offboardings")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    export = actions.add_parser(
        "export", parents=[common], help="the checklist and the letter, as Markdown"
    )
    export.add_argument("client", metavar="CLIENT", help="the client's name")
    export.add_argument(
        "file", metavar="FILE", nargs="?", help="write here (default: standard output)"
    )
    checklist.set_defaults(func=cmd_checklist)


def _add_edit(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    import argparse

    from partways.vocab import LANGUAGES, REASONS

    edit = actions.add_parser(
        "edit", parents=[common], help="change an offboarding's details (the dates move)"
    )
    edit.add_argument("client", metavar="CLIENT", help="the client's name, as it is now")
    edit.add_argument("--client", dest="rename", metavar="NEW", help="a new name for the client")
    edit.add_argument("--talk", metavar="YYYY-MM-DD", help="the conversation's date")
    edit.add_argument("--notice", metavar="DAYS", help="notice period in days")
    edit.add_argument("--reason", metavar="REASON", help=", ".join(REASONS))
    edit.add_argument("--contact", metavar="TEXT", help="who to write to")
    edit.add_argument("--notes", metavar="TEXT", help="free notes, for you only ('' clears)")
    edit.add_argument(
        "--lang", metavar="LANG", help=f"the letter's language: {', '.join(LANGUAGES)}"
    )
    edit.add_argument("--you", metavar="NAME", help="your name, to sign the letter")
    edit.add_argument(
        "--agency", action=argparse.BooleanOptionalAction, help="the agencies' steps, or not"
    )
    edit.add_argument(
        "--deliver",
        action="append",
        metavar="TEXT",
        help="a deliverable still owed (repeatable; replaces the list; '' clears it)",
    )


def cmd_checklist(options: argparse.Namespace) -> int:
    action = getattr(options, "action", None)
    if action is None:
        from partways.cli import cmd_app

        return cmd_app(options, checklist=True)
    from partways.store.checklists import StoreUnavailable

    try:
        if action == "new":
            return _new(options)
        if action == "edit":
            from partways.commands.checklist_edit import edit

            return edit(options, _store(options))
        if action == "list":
            return _list(options)
        return _export(options)
    except StoreUnavailable as error:
        from partways.text import visible

        print(f"{PROG}: error: cannot use the checklists: {visible(str(error))}", file=sys.stderr)
        return 1


def _store(options: argparse.Namespace) -> ChecklistStore:
    from partways.paths import data_dir
    from partways.store.checklists import ChecklistStore

    return ChecklistStore(data_dir(getattr(options, "data_dir", None)))


def _warn(notice: str | None) -> None:
    if notice:
        from partways.text import visible

        print(f"{PROG}: warning: {visible(notice)}", file=sys.stderr)


def _checked(options: argparse.Namespace) -> tuple[date, int]:
    from partways.checklist.dates import parse_iso
    from partways.checklist.model import MAX_NOTICE
    from partways.text import visible
    from partways.vocab import LANGUAGES, REASONS

    talk = parse_iso(options.talk)
    if talk is None:
        raise UsageError(f"--talk {visible(options.talk)}: give a date as YYYY-MM-DD")
    raw = options.notice.strip()
    if not raw.lstrip("-").isdigit() or len(raw) > 6:
        raise UsageError(f"--notice {visible(options.notice)}: give a number of days")
    notice = int(raw)
    if not 0 <= notice <= MAX_NOTICE:
        raise UsageError(f"--notice {notice}: give 0 to {MAX_NOTICE} days")
    if options.reason not in REASONS:
        raise UsageError(f"--reason {visible(options.reason)}: use one of {', '.join(REASONS)}")
    if options.lang not in LANGUAGES:
        raise UsageError(f"--lang {visible(options.lang)}: use one of {', '.join(LANGUAGES)}")
    return talk, notice


def _new(options: argparse.Namespace) -> int:
    import uuid
    from datetime import datetime

    from partways.checklist.model import clean_line, new_offboarding
    from partways.checklist.template import template
    from partways.text import is_blank

    talk, notice = _checked(options)
    client = clean_line(options.client)
    if is_blank(client):
        raise UsageError("CLIENT: give the client's name")
    store = _store(options)
    found = store.find(client)
    _warn(found.notice)
    if found.value is not None and not found.value.archived:
        raise UsageError(
            f"{client} already has an open offboarding (see `partways checklist list`)"
        )
    items, problems = template(store.data_dir)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    offboarding = new_offboarding(
        items,
        id=uuid.uuid4().hex[:12],
        client=client,
        reason=options.reason,
        talk=talk,
        notice_days=notice,
        created=datetime.now().astimezone().isoformat(timespec="seconds"),
        contact=clean_line(options.contact),
        language=options.lang,
        agency=options.agency,
        you=clean_line(options.you),
        deliverables=tuple(d for d in map(clean_line, options.deliver) if d),
    )
    _warn(store.put(offboarding).notice)
    print(f"{client}: {len(offboarding.items)} steps, last day {offboarding.last_day.isoformat()}")
    return 0


def _list(options: argparse.Namespace) -> int:
    from partways.checklist import today

    read = _store(options).all()
    _warn(read.notice)
    if options.json:
        print(json.dumps([o.to_json() for o in read.value], ensure_ascii=False, indent=2))
        return 0
    _table(read.value, today())
    return 0


def _table(offboardings: list[Offboarding], today: date) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from partways.text import visible

    console = Console()
    if not offboardings:
        console.print(Text("No offboardings yet. Start one with `partways checklist new CLIENT`."))
        return
    table = Table(
        title=Text(f"Offboardings, as of {today.isoformat()}"), box=box.SIMPLE_HEAD, pad_edge=False
    )
    for name in ("client", "reason", "talk", "last day", "done", "overdue", "next"):
        table.add_column(name, no_wrap=True, overflow="ellipsis")
    for o in offboardings:
        done = sum(i.done for i in o.items)
        nxt = o.due_next(today)
        table.add_row(
            Text(visible(o.client) + (" (archived)" if o.archived else "")),
            Text(o.reason),
            Text(o.talk.isoformat()),
            Text(o.last_day.isoformat()),
            Text(f"{done}/{len(o.items)}"),
            Text(str(len(o.overdue(today))), style="bold red" if o.overdue(today) else ""),
            Text(f"{nxt.due.isoformat()} {visible(nxt.text)}" if nxt else "—"),
        )
    console.print(table)


def _export(options: argparse.Namespace) -> int:
    from pathlib import Path

    from partways.checklist import today
    from partways.checklist.letter import generate, markdown
    from partways.fileio import atomic_write, describe
    from partways.text import visible

    found = _store(options).find(options.client)
    _warn(found.notice)
    offboarding = found.value
    if offboarding is None:
        print(
            f"{PROG}: error: no offboarding for {visible(options.client)} "
            "(see `partways checklist list`)",
            file=sys.stderr,
        )
        return 1
    text = markdown(offboarding, offboarding.letter or generate(offboarding), today())
    if options.file is None or options.file == "-":
        sys.stdout.write(text)
        return 0
    try:
        atomic_write(Path(options.file).expanduser(), text.encode("utf-8"))
    except OSError as error:
        raise UsageError(f"{visible(options.file)}: cannot write: {describe(error)}") from None
    return 0
