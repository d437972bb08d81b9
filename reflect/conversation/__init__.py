"""Owns the conversation: its values, filling and branching scripts, the engine and the session.
May import reflect.base, reflect.content and reflect.matching."""
