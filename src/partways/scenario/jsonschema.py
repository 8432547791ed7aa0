"""The JSON Schema of a scenario file, generated from the validator's own tables.

Editors with a YAML language server (VS Code's YAML extension, Neovim, Helix,
JetBrains) check a file against it while it is written, given one line at the
top of the file::

    # yaml-language-server: $schema=partways-scenario.schema.json

Everything structural comes from :mod:`partways.scenario.schema` (the fields of
each level, their kinds, what is required where) and :mod:`partways.vocab` (the
allowed words); only the one-line descriptions an editor shows on hover are
written here. The schema is shipped in the package
(``partways/schema/partways-scenario.schema.json``) and beside the bundled
scenarios; a test regenerates it and compares it with both. Regenerate with::

    python -m partways.scenario.jsonschema > scenarios/partways-scenario.schema.json

What a schema cannot say is left to ``partways validate``: that ``next`` names a
node of the file, the graph rules (PW3xx), ids unique across files, and text
that is only invisible characters.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from partways.scenario.model import FORMAT_VERSION, REPLY_KEYS
from partways.scenario.schema import (
    CHOICE_FIELDS,
    ENDING,
    ID_RE,
    MAX_CHOICES,
    NODE_FIELDS,
    SCENARIO_FIELDS,
    TURN,
    Field,
    Kind,
    required,
)

__all__ = ["SCHEMA_NAME", "build", "dumps", "main", "shipped"]

#: The schema's file name, in the package and beside the bundled scenarios.
SCHEMA_NAME = "partways-scenario.schema.json"

Schema = dict[str, Any]

#: What an editor shows on hover, per level and key.
DESCRIPTIONS: dict[str, str] = {
    "format": f"The format version: {FORMAT_VERSION}.",
    "id": "Lowercase words joined by '-', unique across all packs, like 'angry-late-payer'.",
    "title": "The scenario's title, shown in the list.",
    "language": "The language the scenario is written in (the coach judges replies in it).",
    "reaction": "How the client reacts to the news.",
    "reason": "Why you end the relationship.",
    "difficulty": "1 (easy) to 3 (waffling once makes the client push harder). Default 1.",
    "summary": "Two or three sentences shown beside the list before the rehearsal.",
    "client": "The client's default name, for {client}.",
    "you": "Your default name, for {you}; needed if any text uses {you}.",
    "start": "The id of the first node.",
    "nodes": "Node id -> node: a turn (the client speaks, you answer) or an ending.",
    "node.client": "What the client says. Required on a turn, optional on an ending.",
    "node.mood": "How the client sounds; the screen shows it.",
    "node.tip": "A coaching hint shown beside the turn.",
    "node.choices": f"The lines you can pick (1 to {MAX_CHOICES}; the digit keys pick them).",
    "node.reply": "Lets you type your own words: the coach's stance picks the next node.",
    "node.ending": "Makes this node an ending: how the rehearsal ended.",
    "node.lesson": "What to take away, shown at the end.",
    "choice.say": "The line, as you would say it.",
    "choice.next": "The id of the node this line leads to.",
    "choice.coach": "Why this line helps or hurts: one piece of advice.",
    "choice.tags": "What the line contains; a stance tag (firm, waffle, cave, hostile) "
    "states its stance outright.",
}

_CONTROL = "[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]"
_TEXT: Schema = {
    "type": "string",
    "pattern": "\\S",
    "not": {
        "anyOf": [
            {"pattern": _CONTROL},
            {"pattern": "\\{(?!(?:client|you)\\})[^{}]*\\}"},
        ]
    },
}
_NAME: Schema = {
    "type": "string",
    "pattern": "\\S",
    "not": {"anyOf": [{"pattern": _CONTROL}, {"pattern": "\\{[^{}]*\\}"}]},
}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/definitions/{name}"}


def _value(spec: Field) -> Schema:
    """The schema of one field's value, by its kind."""
    kind = spec.kind
    if kind is Kind.ENUM or kind is Kind.TAGS:
        words: Schema = {"type": "string", "enum": list(spec.allowed)}
        return {"type": "array", "items": words} if kind is Kind.TAGS else words
    if kind is Kind.INT:
        return {"type": "integer", "minimum": spec.low, "maximum": spec.high}
    if kind is Kind.ID:
        return {"type": "string", "pattern": f"^{ID_RE.pattern}$"}
    if kind is Kind.NODES:
        return {"type": "object", "minProperties": 1, "additionalProperties": _ref("node")}
    if kind is Kind.CHOICES:
        return {"type": "array", "items": _ref("choice"), "minItems": 1, "maxItems": MAX_CHOICES}
    if kind is Kind.REPLY:
        return _ref("reply")
    if kind is Kind.REF:
        return _ref("nodeId")
    return _ref("name" if kind is Kind.NAME else "text")


def _properties(table: tuple[Field, ...], prefix: str = "") -> Schema:
    out: Schema = {}
    for spec in table:
        value = dict(_value(spec))
        description = DESCRIPTIONS.get(prefix + spec.key)
        out[spec.key] = {"description": description, **value} if description else value
    return out


def _level(table: tuple[Field, ...], prefix: str = "", kind: str | None = None) -> Schema:
    """An object of the fields of ``table`` (those allowed on a node of ``kind``)."""
    fields = tuple(s for s in table if kind is None or s.on in (None, kind))
    return {
        "type": "object",
        "properties": _properties(fields, prefix),
        "required": list(required(fields, kind)),
        "additionalProperties": False,
    }


def _node() -> Schema:
    turn = _level(NODE_FIELDS, "node.", TURN)
    # A turn answers with choices, a reply or both: the keys that belong on turns only.
    turn["anyOf"] = [{"required": [s.key]} for s in NODE_FIELDS if s.on == TURN]
    ending = _level(NODE_FIELDS, "node.", ENDING)
    ending["required"] = [*ending["required"], ENDING]
    return {
        "description": "A turn (client, and choices and/or reply) or an ending (ending).",
        "oneOf": [{"title": "turn", **turn}, {"title": "ending", **ending}],
    }


def build() -> Schema:
    """The schema, as a JSON value (draft-07: what YAML language servers know best)."""
    top = _level(SCENARIO_FIELDS)
    top["properties"]["format"] = {**top["properties"]["format"], "const": FORMAT_VERSION}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"partways scenario, format {FORMAT_VERSION}",
        "description": "One rehearsal scenario. See scenarios/README.md; check a file "
        "with `partways validate FILE`.",
        **top,
        "definitions": {
            "text": {"description": "Text; {client} and {you} are replaced.", **_TEXT},
            "name": {"description": "A name, without placeholders.", **_NAME},
            "nodeId": {"description": "The id of a node of this file.", "type": "string"},
            "node": _node(),
            "choice": _level(CHOICE_FIELDS, "choice."),
            "reply": {
                "description": "Stance -> node id; 'default' takes every stance not listed.",
                "type": "object",
                "properties": {key: _ref("nodeId") for key in REPLY_KEYS},
                "required": ["default"],
                "additionalProperties": False,
            },
        },
    }


def dumps() -> str:
    """The schema as the shipped files hold it."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def shipped() -> Path:
    """The schema file shipped in the package."""
    return Path(__file__).resolve().parent.parent / "schema" / SCHEMA_NAME


def main() -> int:
    sys.stdout.write(dumps())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
