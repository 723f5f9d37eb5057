"""Runs the real app (``merchant_desk.app.main``) and drives its window from inside, for subprocess tests.

The first line of stdin is a secret key, read before the app starts so it never appears in argv.
Scenarios (env ``DRIVER_SCENARIO``):
- ``store-key``: type the key into Settings as profile "Shop", press Save, print ``SAVED`` or
  ``NOT-SAVED <keyring message>``, wait for a line on stdin, close the window.
- ``quit``: print ``SHOWN <window title>`` once the window is up, then close it at once.
- ``wait``: print ``SHOWN <window title>`` and leave the window open (the test ends the app by signal).
"""

from __future__ import annotations

import asyncio
import os
import sys

import merchant_desk.app as app_module


def main() -> int:
    scenario = os.environ.get("DRIVER_SCENARIO", "quit")
    key = sys.stdin.readline().strip() if scenario == "store-key" else ""
    original = app_module.launch

    async def drive(window) -> None:  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.05)
        if scenario == "store-key":
            window.show_page_named("settingsPage")
            page = window.settings_page
            page.profile_name.setText("Shop")
            page.secret_key.setText(key)
            page.publishable_key.setText("pk_test_" + "p" * 24)
            page.save_profile_button.click()
            for _ in range(200):
                await asyncio.sleep(0.05)
                if page.status_message.text():
                    break
            if page.secret_key.text() == "" and "Saved" in page.status_message.text():
                print("SAVED", flush=True)
            else:
                print("NOT-SAVED", page.keyring_message.text(), flush=True)
            await asyncio.to_thread(sys.stdin.readline)
        else:
            print("SHOWN", window.windowTitle(), flush=True)
            if scenario == "wait":  # stay up until a signal ends the app
                return
        window.close()

    async def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
        window = await original(*args, **kwargs)  # the window with its account
        asyncio.ensure_future(drive(window))
        return window

    app_module.launch = wrapped
    return app_module.main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
