"""Renderings of a summary: Markdown (also the plain-mode ending), standalone HTML, JSON."""
