"""Shop mode: several tills on one shared ledger, the people who work them, and a manager's approval."""
