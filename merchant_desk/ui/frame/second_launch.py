"""The launching side of the single-instance guard: a plain second launch brings the running window to the
front; ``merchant-desk charge …`` hands its request over, starting the app first when none runs.

Runs before any Qt application exists in this process (the sockets are used blocking), so a program that
asks for a payment needs no display of its own when Merchant Desk is already running.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from merchant_desk.ui.frame.single_instance import HandOverError, connect, hand_over, instance_name

if TYPE_CHECKING:  # a plain launch does not need the money tables loaded before its first paint
    from merchant_desk.charge_request import ChargeRequest

START_TIMEOUT = 90.0  # a first start builds the sandbox database; a slow, busy machine needs the margin


def app_command(app_argv: list[str]) -> list[str]:
    """How to start this same Merchant Desk (the bundle's executable, or this Python with the package)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *app_argv]
    return [sys.executable, "-m", "merchant_desk", *app_argv]


def activate_running(name: str | None = None) -> bool:
    """True when an instance runs and was asked to come to the front (this launch should then exit)."""
    sock = connect(name or instance_name(), 300)
    if sock is None:
        return False
    try:
        hand_over(sock, {"kind": "activate"}, wait=False)
    except HandOverError:
        return False
    return True


def _start_instance(app_argv: list[str], name: str, err: TextIO) -> object | None:
    """Start the app in its own session (it outlives this command) and return a connection to it."""
    # Its early messages go to a file, not a pipe: nobody reads a pipe once this command has exited.
    with tempfile.TemporaryFile() as early_output:
        process = subprocess.Popen(
            app_command(app_argv),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=early_output,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            sock = connect(name, 500)
            if sock is not None:
                return sock
            status = process.poll()
            if status is not None:
                early_output.seek(0)
                lines = early_output.read().decode(errors="replace").strip().splitlines()
                reason = lines[-1] if lines else ""
                print(f"merchant-desk: Merchant Desk could not start (exit status {status}) {reason}".rstrip(),
                      file=err)
                return None
            time.sleep(0.2)
    print("merchant-desk: Merchant Desk did not start in time; try again once its window is open", file=err)
    return None


def charge(
    app_argv: list[str],
    request: ChargeRequest,
    *,
    display_problem: Callable[[], str | None],
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Hand ``request`` to the running instance (started with ``app_argv`` if none runs). Returns the exit
    status: 0 handed over (or, with ``wait``, paid), 1 failed/canceled/refused, 2 no display to start on."""
    from merchant_desk.charge_request import outcome_exit_status

    out = out or sys.stdout
    err = err or sys.stderr
    name = instance_name()
    sock = connect(name, 1000)
    if sock is None:
        problem = display_problem()
        if problem:
            print(problem, file=err)
            return 2
        sock = _start_instance(app_argv, name, err)
        if sock is None:
            return 1
    try:
        outcome = hand_over(sock, {"kind": "charge", "charge": request.to_message()}, wait=request.wait)  # type: ignore[arg-type]
    except HandOverError as exc:
        print(f"merchant-desk: {exc}", file=err)
        return 1
    if outcome is None:
        return 0
    print(json.dumps(outcome, ensure_ascii=False), file=out, flush=True)
    return outcome_exit_status(outcome)
