"""A bare JSON-RPC client over the server's stdio: for what a typed client cannot send
(malformed parameters) and for timing the server from process start (the benchmark)."""

from __future__ import annotations

import itertools
import json
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any


class RawClient:
    def __init__(
        self, argv: list[str] | None = None, cwd: Path | None = None, log: Path | None = None
    ) -> None:
        """``log``: a file for the server's standard error (else it is discarded)."""
        self._log = open(log, "wb") if log is not None else None  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "blog_lsp", *(argv or [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log if self._log is not None else subprocess.DEVNULL,
            cwd=cwd,
        )
        self._ids = itertools.count(1)
        self.notifications: list[dict[str, Any]] = []
        # Messages are read in a thread, so that a server that never answers fails the test
        # after a timeout instead of blocking it for ever.
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read_messages, daemon=True).start()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def _read_messages(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            headers = {}
            while (line := stdout.readline().strip()) != b"":
                name, _, value = line.partition(b":")
                headers[name.strip().lower()] = value.strip()
            if not headers:
                self._messages.put(None)
                return
            self._messages.put(json.loads(stdout.read(int(headers[b"content-length"]))))

    def read(self, timeout: float = 30) -> dict[str, Any]:
        try:
            message = self._messages.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"the server sent nothing for {timeout} s") from None
        if message is None:
            self._messages.put(None)  # and to every later read
            raise EOFError("the server closed its output")
        return message

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> dict[str, Any]:
        """Send a request and return its response, answering the server's own requests
        (configuration, progress, registration) with null meanwhile."""
        request_id = next(self._ids)
        self.send({"id": request_id, "method": method, "params": params})
        return self._read_until(lambda m: m.get("id") == request_id and "method" not in m)

    def wait_for(
        self, method: str, where: Callable[[Any], bool] = lambda _: True, *, seen: bool = False
    ) -> Any:
        """The params of the next notification ``method`` that satisfies ``where``; with
        ``seen``, one that came already (while a request was answered) counts too."""
        if seen:
            for message in self.notifications:
                if message.get("method") == method and where(message["params"]):
                    return message["params"]
        message = self._read_until(lambda m: m.get("method") == method and where(m["params"]))
        return message["params"]

    def _read_until(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        while True:
            message = self.read()
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
            elif "method" in message:
                self.notifications.append(message)  # every notification, the wanted one too
            if wanted(message):
                return message

    def initialize(
        self, root: Path | None = None, capabilities: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        root_uri = root.as_uri() if root is not None else None
        reply = self.request(
            "initialize",
            {"processId": None, "rootUri": root_uri, "capabilities": capabilities or {}},
        )
        self.notify("initialized", {})
        return reply

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
