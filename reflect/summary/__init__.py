"""Owns the summary of a session, its exports (Markdown, HTML, JSON) and the group map.
May import reflect.base, content, matching, conversation and journal."""
