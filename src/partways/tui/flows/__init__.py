"""The app's coordination, one area per module.

:class:`~partways.tui.app.PartwaysApp` is small: it owns the state, the styles and
the app-wide keys, and inherits one *flow* per area of the app. A flow is a
:class:`~partways.tui.flows.base.Flow` (so a Textual ``App`` as far as typing and
message dispatch go) holding, for its area:

* the functions that open its screens, each imported *inside* the function that
  opens it (listed in ``LATE_FOR_START_UP`` in ``tests/tui/test_shape.py``), so
  the first screen comes up without them;
* its thread workers (``@work(thread=True)``): the only places that call a store
  (an attribute whose name ends in ``store``), checked by ``test_shape.py``;
* the handlers of the messages its screens and workers post;
* its command-palette provider, if it has one.

Flows do not call each other except through the app's public methods
(``start_rehearsal``, ``open_pad``...), and no screen imports a flow.
"""
