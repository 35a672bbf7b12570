"""Start the server on stdio, or on TCP for debugging."""

from __future__ import annotations

import logging
import sys


class _BadParamsTracebacks(logging.Filter):
    """Drops pygls's tracebacks for a message whose parameters do not fit its method (the
    client has its InvalidParams error and the server logs one line for it; a traceback of
    the validator's insides is noise in the editor's log) and for writes to an editor that
    has quit. Other failures keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        from pygls.exceptions import JsonRpcInvalidParams

        if record.exc_info and isinstance(record.exc_info[1], BrokenPipeError):
            return False  # the editor has gone: nobody is left to read a traceback
        message = record.getMessage()
        if message.startswith("Unable to deserialize message"):
            return "ClassValidationError" not in message
        if message.startswith("Unable to handle message") and record.exc_info:
            return not isinstance(record.exc_info[1], JsonRpcInvalidParams)
        return True


def serve(tcp: str | None = None) -> int:
    # stdout carries the protocol: logs go to stderr, and pygls's own chatter is kept down
    # (it logs every message body at INFO).
    logging.getLogger("pygls").setLevel(logging.WARNING)
    for name in ("pygls.protocol.json_rpc", "pygls.io_", "pygls.server"):
        logging.getLogger(name).addFilter(_BadParamsTracebacks())
    from blog_lsp.server.app import create_server

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
