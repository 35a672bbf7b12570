"""Start the server on stdio, or on TCP for debugging."""

from __future__ import annotations

import logging
import sys


def serve(tcp: str | None = None) -> int:
    # stdout carries the protocol: logs go to stderr, and pygls's own chatter is kept down
    # (it logs every message body at INFO).
    logging.getLogger("pygls").setLevel(logging.WARNING)
    # Background threads (indexing, checks) hand the interpreter back every millisecond
    # rather than every five, so a completion request never waits long behind them.
    sys.setswitchinterval(0.001)
    from blog_lsp.server.server import create_server

    server = create_server()
    if tcp:
        host, _, port = tcp.rpartition(":")
        if not port.isdigit():
            sys.stderr.write(f"blog-lsp: --tcp wants HOST:PORT, not {tcp!r}\n")
            return 2
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
    return 0
