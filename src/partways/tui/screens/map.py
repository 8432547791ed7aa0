"""The conversation map: the scenario as a tree, the path a rehearsal took marked,
the endings marked, and the branches not taken folded, one key away."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text, TextType
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from partways.scenario.model import Scenario
from partways.scenario.tree import AGAIN, ENDING, Item, Way, label, layout
from partways.text import fill, strip_control
from partways.tui.screens.base import PartwaysScreen
from partways.tui.widgets.keybar import KeyBar
from partways.tui.widgets.literal import Literal, literal
from partways.vocab import Ending

#: Quoted text is cut shorter than in ``partways map``: the map must fit 80 columns.
EXCERPT = 30

HELP = """\
Every way the conversation could have gone. Each line is something you can
say (a numbered line, or a typed reply of that stance) and where it leads.
The path you took is highlighted and open; the rest is folded.

  ↑ ↓        move
  Space      open or fold the branch under the cursor
  → ←        open / fold (← on a folded branch goes to its parent)
  o          open every branch
  Esc  q     back
  ?          this help

✓ a clean exit   ✗ caved or a burned bridge   … stalled
(again) a turn shown in full elsewhere in the map
"""


def style_of(item: Item) -> str:
    """The Rich style of an item's label: the path bold and reversed, endings coloured."""
    if item.kind == ENDING:
        style = "green" if item.ending == Ending.CLEAN_EXIT else "red"
    else:
        style = "dim" if item.kind == AGAIN else ""
    return f"bold reverse {style}".strip() if item.on_path else style


class ConversationTree(Tree[Item]):
    """A Tree whose labels are never read as markup."""

    def process_label(self, label: TextType) -> Text:
        text = Text(strip_control(label)) if isinstance(label, str) else label
        return text.split()[0] if text.plain else text


class MapScreen(PartwaysScreen[None]):
    """The map of one scenario, with a path marked (a rehearsal's, if given)."""

    HELP = HELP
    AUTO_FOCUS = "#map"
    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("o", "open_all", "Open all"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(
        self,
        scenario: Scenario,
        path: Sequence[str] = (),
        taken: Sequence[Way] = (),
        names: tuple[str, str] | None = None,
    ) -> None:
        """``path``: node ids from the start; ``taken``: the line number or typed stance
        of each step (see :func:`partways.scenario.tree.layout`); ``names``: the client's
        and yours, for ``{client}`` and ``{you}`` (default: the scenario's)."""
        super().__init__()
        self.scenario = scenario
        self.names = names or (scenario.client, scenario.you or "you")
        self.root = layout(scenario, path, taken)
        self._last: TreeNode[Item] | None = None

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        yield Literal(
            literal(scenario.title, "bold")
            + literal(f"  {scenario.id} · {scenario.language} · {scenario.reaction}", "dim"),
            id="map-title",
        )
        tree = ConversationTree(self._text(self.root), data=self.root, id="map")
        tree.guide_depth = 3
        self._fill(tree)
        yield tree
        yield Static(
            Text.assemble(
                ("✓ clean exit  ✗ caved, burned  … stalled  ", "dim"),
                ("your path", "bold reverse"),
            ),
            id="map-legend",
        )
        yield KeyBar()

    def _text(self, item: Item) -> Text:
        shown = fill(label(item, EXCERPT), *self.names)
        return Text(strip_control(shown), style=style_of(item))

    def _fill(self, tree: ConversationTree) -> None:
        """Add every item under the root, the path open and the rest folded."""
        tree.root.expand()
        stack: list[tuple[TreeNode[Item], Item]] = [
            (tree.root, child) for child in reversed(self.root.children)
        ]
        while stack:
            parent, item = stack.pop()
            if item.children:
                node = parent.add(self._text(item), data=item, expand=item.on_path)
                stack.extend((node, child) for child in reversed(item.children))
            else:
                node = parent.add_leaf(self._text(item), data=item)
            if item.on_path:
                self._last = node

    def on_mount(self) -> None:
        if self._last is not None:
            self.query_one(ConversationTree).move_cursor(self._last)

    def action_open_all(self) -> None:
        self.query_one(ConversationTree).root.expand_all()

    def action_close(self) -> None:
        self.dismiss(None)
