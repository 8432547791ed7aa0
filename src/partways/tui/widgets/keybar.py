"""A one-line key bar: the keys of the current screen, as the Footer shows them.

Textual's Footer builds a widget per key and costs a noticeable slice of the
start-up time; this is one Static that redraws when the bindings change.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """Shows ``key Description`` for every shown binding, then the palette key."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    _shown: str | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._redraw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._redraw()

    def _redraw(self) -> None:
        app = self.app
        parts: list[Content] = []
        seen: set[str] = set()
        palette = None
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if key == app.COMMAND_PALETTE_BINDING:
                palette = binding
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            parts.append(self._key(app.get_key_display(binding), binding.description))
        if palette is not None and app.ENABLE_COMMAND_PALETTE:
            parts.append(self._key(app.get_key_display(palette), "Palette"))
        content = Content("  ").join(parts)
        if content.plain != self._shown:
            self._shown = content.plain
            # One fixed line: no layout pass needed, so no extra frame at start-up.
            self.update(content, layout=False)

    @staticmethod
    def _key(key: str, description: str) -> Content:
        return Content.assemble((key, "bold $footer-key-foreground"), " ", description)
