"""Drills: spaced practice of the scenarios and of single hard client lines.

Plain Python (no Textual). Every function that needs the time takes it as a
parameter (``now``); nothing here reads the clock.

* :mod:`.rating` — the coach's verdict as an FSRS rating (the mapping is documented there);
* :mod:`.deck` — drill cards on top of ``fsrs`` (py-fsrs): review, due queue, leeches;
* :mod:`.calendar` — practice per day: streaks, the heatmap, "due today";
* :mod:`.habits` — the waffle words and tags that cost most, with a trend;
* :mod:`.quickfire` — single client lines from across the scenarios, hardest first.
"""
