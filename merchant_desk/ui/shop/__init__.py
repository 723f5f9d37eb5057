"""Shop mode in the window: signing in, a manager's PIN for guarded actions, the idle lock, and the
Settings sections for the shared ledger and the shop's people and policy."""
