"""Owns the Textual face: the app, its screens and widgets; nothing outside it imports Textual.
May import every core package (base to summary); no other face."""
