"""Stable codes for the problems the scenario validator reports.

``PW0xx`` file and YAML level, ``PW1xx`` keys, types and values, ``PW2xx`` text,
``PW3xx`` the node graph, ``PW4xx`` problems across files. Codes never change
meaning; ``scenarios/README.md`` documents each one with an example.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # File and YAML level.
    "PW001": "not UTF-8 text (or a binary file)",
    "PW002": "file larger than 5 MiB",
    "PW003": "YAML syntax error",
    "PW004": "duplicate key",
    "PW005": "anchor or alias",
    "PW006": "YAML tag not allowed",
    "PW007": "nested too deeply",
    "PW008": "cannot read the file",
    # Keys, types and values.
    "PW100": "top level is not a mapping",
    "PW101": "unknown key",
    "PW102": "required key missing",
    "PW103": "wrong type",
    "PW104": "unsupported format version",
    "PW105": "invalid scenario id",
    "PW106": "value not in the allowed list",
    "PW107": "difficulty out of range",
    "PW108": "wrong number of choices",
    "PW109": "unknown stance in reply",
    "PW110": "reply without default",
    "PW111": "key not allowed in this kind of node",
    "PW112": "node is neither a turn nor an ending",
    "PW113": "unknown tag on a choice",
    # Text.
    "PW201": "text value is not a string",
    "PW202": "empty text",
    "PW203": "control character in text",
    "PW204": "unknown placeholder",
    "PW205": "{you} used but no you given",
    # The node graph.
    "PW301": "target is not a node",
    "PW302": "node unreachable from start",
    "PW303": "node cannot reach an ending",
    "PW304": "no clean-exit ending reachable",
    # Across files.
    "PW401": "id already used by another file",
}
