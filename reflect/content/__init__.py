"""Owns the content: reading YAML, the tension and dialogue models, their validators and loader.
May import reflect.base only."""
