"""Owns what every layer shares: interface and error text, problem reports, showing text safely.
May import nothing else of reflect."""
