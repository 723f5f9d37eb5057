"""The end-of-day report: the page, the printable document and its PDF."""
