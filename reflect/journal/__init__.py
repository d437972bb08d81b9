"""Owns the person's data: the journal, saving a session as it goes, snapshots, private files.
May import reflect.base, content, matching and conversation."""
