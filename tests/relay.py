"""A TCP relay a test can cut and restore: the engine behind it becomes unreachable for real (connections are
refused, open ones reset) and reachable again at the same address, without stopping the engine itself.

The outage test used to start a private OpenSearch node and stop it; each start cost 6-8 s of JVM start-up on
two cores shared with the other worker. What our code sees of an outage is the same either way: the engine's
address refuses connections. Stopping a real node is still tested by tests/ops/test_engine_cluster.py."""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlsplit


class Relay:
    """Forwards 127.0.0.1:<port> to ``target`` (an http URL) until ``cut()``; ``restore()`` listens again."""

    def __init__(self, target: str):
        parts = urlsplit(target)
        self.target_url = target
        self.target = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.port = 0
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def restore(self) -> str:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self.url

    start = restore

    def cut(self) -> None:
        """Stop listening and reset every open connection: the address now refuses, as a stopped engine's does."""
        listener, self._listener = self._listener, None
        if listener is not None:
            # shutdown() first: on Linux it is what wakes the thread blocked in accept() and stops the listening;
            # close() alone leaves that thread holding the socket.
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:  # closed by cut()
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                if self._listener is not listener:  # cut while connecting
                    client.close()
                    upstream.close()
                    return
                self._sockets.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            # Either side closing ends both directions: the other pipe's recv() returns and it closes too.
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            with self._lock:
                self._sockets.discard(source)
            source.close()
