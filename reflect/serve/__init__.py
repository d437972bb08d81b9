"""Owns the browser face: serving the app through textual-serve, one private space per visitor.
May import every core package (base to summary); no other face."""
