"""Refunds: the refund dialog and the refunds list."""
