"""Bracketed paste taken as text, whatever it holds.

Terminals wrap pasted text in ``ESC[200~`` … ``ESC[201~``. Textual 8.2.8's
input parser (``textual._xterm_parser.XTermParser``; its repository has no fix
yet) keeps reading escape sequences *inside* a paste as key presses: pasting
``AAAA ESC[2J BBBB`` puts ``^[2J BBBBAAAA`` in the reply box, and a large
paste full of escape codes freezes the app while each is replayed as keys.

:class:`PasteParser` cuts the paste out of the byte stream before Textual's
parser sees it and posts it as one :class:`~textual.events.Paste` holding the
text exactly as pasted; the widget that receives it cleans it (see
:meth:`partways.tui.widgets.reply_box.ReplyBox._on_paste`). Everything outside
a paste goes to Textual's parser unchanged. The opening marker must arrive
within one read (terminals write it together with the paste, and the driver
reads 4 KiB at a time); holding back a partial marker would delay the Escape
key, which is a prefix of it. After the marker, the paste may be split anyhow.
:func:`install` makes Textual's terminal drivers use it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.message import Message

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class PasteParser(XTermParser):
    """Textual's parser, with bracketed pastes delivered as one event, verbatim."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._pasting = False
        self._pasted: list[str] = []

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input: Textual's parser closes
            return super().feed(data)
        out: list[Message] = []
        while data:
            if self._pasting:
                self._pasted.append(data)
                buffered = "".join(self._pasted)
                end = buffered.find(PASTE_END)
                if end < 0:
                    self._pasted = [buffered]
                    return out
                self._pasting = False
                self._pasted = []
                out.append(events.Paste(buffered[:end]))
                data = buffered[end + len(PASTE_END) :]
                continue
            start = data.find(PASTE_START)
            if start < 0:
                out.extend(super().feed(data))
                return out
            if start:
                out.extend(super().feed(data[:start]))
            self._pasting = True
            data = data[start + len(PASTE_START) :]
        return out


def install(driver_class: type) -> None:
    """Make ``driver_class`` (the app's terminal driver) parse input with :class:`PasteParser`.

    Textual's drivers build their parser from the name ``XTermParser`` in their
    own module (the Linux, inline and Windows drivers alike); that name is
    pointed here. A driver that reads no terminal (the test driver) is left alone.
    """
    module = sys.modules.get(driver_class.__module__)
    if module is not None and getattr(module, "XTermParser", None) is XTermParser:
        module.XTermParser = PasteParser  # type: ignore[attr-defined]
