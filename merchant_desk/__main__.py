"""``python -m merchant_desk`` — the same as the ``merchant-desk`` command."""

import sys

from merchant_desk.app import main

if __name__ == "__main__":
    sys.exit(main())
