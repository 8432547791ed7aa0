"""``partways checklist edit CLIENT``: change an offboarding's details from the shell.

Only the options given change; the checklist's due dates move with a new talk
date or notice (:func:`partways.checklist.edit.edited`), done marks and notes
stay. The same one-line errors and exit codes as ``new``: 2 for bad input, 1 for
a client with no offboarding. No Textual, no Rich.
"""

from __future__ import annotations

import sys
from dataclasses import replace

from partways.commands.common import PROG, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from partways.checklist.draft import Draft
    from partways.store.checklists import ChecklistStore


def _changes(options: argparse.Namespace, draft: Draft) -> Draft:
    """``draft`` with the options given applied, each checked (UsageError: exit 2)."""
    from partways.checklist.dates import parse_iso
    from partways.checklist.draft import check_notice
    from partways.checklist.model import MAX_NOTICE, clean_line
    from partways.text import is_blank, visible
    from partways.vocab import LANGUAGES, REASONS

    if options.rename is not None:
        client = clean_line(options.rename)
        if is_blank(client):
            raise UsageError("--client: give the client's new name")
        draft = replace(draft, client=client)
    if options.talk is not None:
        talk = parse_iso(options.talk)
        if talk is None:
            raise UsageError(f"--talk {visible(options.talk)}: give a date as YYYY-MM-DD")
        draft = replace(draft, talk=talk)
    if options.notice is not None:
        notice = check_notice(options.notice)
        if notice is None:
            raise UsageError(f"--notice {visible(options.notice)}: give 0 to {MAX_NOTICE} days")
        draft = replace(draft, notice_days=notice)
    if options.reason is not None and options.reason not in REASONS:
        raise UsageError(f"--reason {visible(options.reason)}: use one of {', '.join(REASONS)}")
    if options.lang is not None and options.lang not in LANGUAGES:
        raise UsageError(f"--lang {visible(options.lang)}: use one of {', '.join(LANGUAGES)}")
    texts = {
        "reason": options.reason,
        "language": options.lang,
        "contact": None if options.contact is None else clean_line(options.contact),
        "you": None if options.you is None else clean_line(options.you),
        "notes": options.notes,
        "agency": options.agency,
    }
    draft = replace(draft, **{k: v for k, v in texts.items() if v is not None})
    if options.deliver is not None:
        deliverables = tuple(d for d in map(clean_line, options.deliver) if d)
        draft = replace(draft, deliverables=deliverables)
    return draft


def edit(options: argparse.Namespace, store: ChecklistStore) -> int:
    from partways.checklist.edit import draft_of, edited
    from partways.checklist.template import template
    from partways.text import visible

    found = store.find(options.client)
    if found.notice:
        print(f"{PROG}: warning: {visible(found.notice)}", file=sys.stderr)
    o = found.value
    if o is None:
        print(
            f"{PROG}: error: no offboarding for {visible(options.client)} "
            "(see `partways checklist list`)",
            file=sys.stderr,
        )
        return 1
    draft = _changes(options, draft_of(o))
    if draft.client.casefold() != o.client.casefold():
        other = store.find(draft.client).value
        if other is not None and not other.archived and other.id != o.id:
            raise UsageError(
                f"{visible(draft.client)} already has an open offboarding "
                "(see `partways checklist list`)"
            )
    items, problems = template(store.data_dir)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    changed = edited(o, draft, items)
    written = store.put(changed)
    if written.notice:
        print(f"{PROG}: warning: {visible(written.notice)}", file=sys.stderr)
    print(
        f"{visible(changed.client)}: {len(changed.items)} steps, "
        f"last day {changed.last_day.isoformat()}"
    )
    if o.letter and (changed.talk, changed.last_day) != (o.talk, o.last_day):
        print(
            "Your edited letter is kept as you wrote it: check its dates "
            "(Ctrl+R in the letter writes it again).",
            file=sys.stderr,
        )
    return 0
