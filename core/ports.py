"""Ports on the loopback address: whether one is free, and one that is.

The throwaway PostgreSQL server of a test session, the portal a browser test or a bench
serves, and an address a test knows nothing listens on all need one."""

from __future__ import annotations

import socket

LOOPBACK = "127.0.0.1"


def port_is_free(port: int) -> bool:
    """Whether nothing listens on ``port`` of 127.0.0.1 (a server could bind it now)."""
    with socket.socket() as probe:
        try:
            probe.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (the kernel's choice)."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def port_in_use(port: int, usually: str) -> str:
    """What to say of a port a server of ours cannot have: ``usually`` names what is most
    likely on it (another portal, another Dagster UI)."""
    return (
        f"port {port} is in use ({usually}, or another program): stop it, or choose another port with --port"
    )
