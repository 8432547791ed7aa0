"""The commands of ``partways`` that need no screen, one module each.

``partways.cli`` builds the parser and dispatches to them. None of them imports
Textual; each imports what it needs (Rich, the loader, the store) when it runs.
"""
