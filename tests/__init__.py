"""Tests for reflect."""
