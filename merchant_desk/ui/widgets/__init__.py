"""Widgets and helpers every page shares: field errors, list tables, background work, the QR view."""
