"""Settings: account profiles and their keys."""
