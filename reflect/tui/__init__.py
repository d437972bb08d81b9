"""The Textual face of reflect. Nothing outside this package imports Textual."""
