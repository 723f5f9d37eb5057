"""The bundle's entry point: ``merchant_desk.app.main`` with the frozen process's arguments."""

import sys

from merchant_desk.app import main

if __name__ == "__main__":
    sys.exit(main())
