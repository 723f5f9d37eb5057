"""Merchant Desk: a desktop back-office for WooshPay (Alipay+) merchants."""

__version__ = "0.1.0"
