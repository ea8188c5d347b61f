"""Test stub package."""
