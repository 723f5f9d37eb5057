"""A private X server for the tests that need a real screen: Xvfb started with ``-displayfd`` (it names its
own free display), screenshots taken with ImageMagick's ``import -window root`` and read back by a real QR
decoder."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtGui import QImage


def require(binary: str, packages: str = "xvfb imagemagick") -> str:
    """The program's path; without it the test is skipped, or fails when CI is set (CI must run it)."""
    path = shutil.which(binary)
    if path:
        return path
    reason = f"{binary} is not installed (Debian: {packages})"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run this test")
    pytest.skip(reason)


def read_line(stream, timeout: float) -> str:
    """One line from a pipe within ``timeout`` seconds (TimeoutError; EOFError when it closes first)."""
    deadline = time.monotonic() + timeout
    data = b""
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([stream], [], [], left)[0]:
            raise TimeoutError(f"no line within {timeout}s (got {data!r})")
        chunk = os.read(stream.fileno(), 1)
        if not chunk:
            raise EOFError(f"stream closed (got {data!r})")
        data += chunk
    return data.decode().strip()


@contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    """A private Xvfb of ``width`` x ``height`` (24 bit, no TCP); yields its display (":N")."""
    program = require("Xvfb")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [program, "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb", buffering=0) as numbers:
            number = read_line(numbers, 15)
        assert number.isdigit(), f"Xvfb did not report its display: {number!r}"
        yield ":" + number
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


def screenshot(display: str, path: Path) -> QImage:
    """The whole screen of ``display``, saved at ``path``."""
    subprocess.run([require("import"), "-display", display, "-window", "root", str(path)], check=True,
                   capture_output=True, timeout=30)
    image = QImage(str(path))
    assert not image.isNull(), path
    return image


def codes_in(image: QImage) -> list[str]:
    """The texts of the QR codes a decoder finds in ``image``."""
    return [r.text for r in zxingcpp.read_barcodes(image.convertToFormat(QImage.Format.Format_Grayscale8))]


def quit_child(child: subprocess.Popen, timeout: float) -> None:
    """Ask a child that reads "quit" on stdin to end, kill it after ``timeout`` s, and close its pipes."""
    if child.poll() is None:
        try:
            child.stdin.write(b"quit\n")
            child.stdin.close()
        except (BrokenPipeError, ValueError):
            pass
        try:
            child.wait(timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(5)
    for pipe in (child.stdin, child.stdout, child.stderr):
        if pipe is not None and not pipe.closed:
            pipe.close()
