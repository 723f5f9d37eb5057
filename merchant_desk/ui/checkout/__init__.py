"""Checkout Sessions: line items, the hosted page's QR and its status."""
