"""A high-contrast theme beside Textual's own: white on black, yellow accents, no tints."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#262626",
    success="#00FF00",
    warning="#FFA500",
    error="#FF4040",
    dark=True,
    variables={
        "text-muted": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "input-cursor-background": "#FFFF00",
        "input-selection-background": "#FFFF00 40%",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
    },
)
