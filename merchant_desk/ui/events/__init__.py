"""The events list."""
