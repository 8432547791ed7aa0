"""partways: rehearse ending a client relationship, with a coach in your terminal."""

__version__ = "0.1.0"
