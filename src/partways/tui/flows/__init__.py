"""The app's coordination, one mixin per area (``PartwaysApp`` inherits them)."""
