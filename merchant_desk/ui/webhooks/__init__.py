"""Webhook endpoints: register, list, remove."""
