"""The conversation map: opened from the ending (``m``), or by anything that has a
scenario id and a path, such as a history record."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on

from partways.tui.flows.base import Flow
from partways.tui.messages import MapAsked


class MapFlow(Flow):
    """Opens the map of a scenario, with a path marked."""

    @on(MapAsked)
    def _map_asked(self, message: MapAsked) -> None:
        self.open_map(message.scenario, message.path, message.taken, message.names)

    def open_map(
        self,
        scenario_id: str,
        path: Sequence[str] = (),
        taken: Sequence[int | str | None] = (),
        names: tuple[str, str] | None = None,
    ) -> None:
        """Push the map of ``scenario_id`` (a loaded scenario, or the one being played)."""
        from partways.tui.screens.map import MapScreen

        scenario = self.scenario(scenario_id)
        if scenario is None:
            self.notify(
                f"No map: the scenario '{scenario_id}' is not loaded.",
                severity="warning",
                markup=False,
            )
            return
        self.push_screen(MapScreen(scenario, path, taken, names))
