"""Work that outlives its request (an allocation run), on a thread with its own session.

The threads are kept on the app so a graceful shutdown — or a test — can wait for them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask


def start(app: Flask, name: str, work: Callable[[Flask], None]) -> threading.Thread:
    thread = threading.Thread(target=work, args=(app,), name=name, daemon=True)
    app.extensions.setdefault("background", []).append(thread)
    thread.start()
    return thread


def wait_all(app: Flask, timeout: float | None = None) -> None:
    """Join every background thread started on this app."""
    for thread in list(app.extensions.get("background", [])):
        thread.join(timeout)
