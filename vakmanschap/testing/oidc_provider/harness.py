"""Start and stop the test provider as a child process (pytest fixture, `make demo`)."""

import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

from . import identities


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningProvider:
    process: subprocess.Popen
    port: int

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}/o"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def settings_for(self, key: str) -> dict:
        """The client settings (as in OIDC_PROVIDERS) for "digid" or "eherkenning"."""
        client_id = (
            identities.DIGID_CLIENT_ID if key == "digid" else identities.EHERKENNING_CLIENT_ID
        )
        return {
            "discovery_url": self.discovery_url,
            "client_id": client_id,
            "client_secret": identities.CLIENT_SECRET,
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(
    port: int | None = None, rp_origins=(), quiet: bool = True, timeout: float = 30
) -> RunningProvider:
    port = port or free_port()
    command = [sys.executable, "-m", "vakmanschap.testing.oidc_provider", "--port", str(port)]
    for origin in rp_origins:
        command += ["--rp-origin", origin]
    output = subprocess.DEVNULL if quiet else None
    provider = RunningProvider(subprocess.Popen(command, stdout=output, stderr=output), port)
    try:
        _wait_until_ready(provider, timeout)
    except BaseException:  # also Ctrl-C or SIGTERM while it starts: never leave it running
        provider.stop()
        raise
    return provider


def _wait_until_ready(provider: RunningProvider, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if provider.process.poll() is not None:
            raise RuntimeError("The test OpenID provider stopped at start-up.")
        try:
            with urllib.request.urlopen(provider.discovery_url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("The test OpenID provider did not answer in time.")
