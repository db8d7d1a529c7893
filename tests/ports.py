"""A free port on loopback, for the real servers the tests start (Redis, S3, nginx, the
OpenID Connect provider)."""

import socket


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
