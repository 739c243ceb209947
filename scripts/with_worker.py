"""Run a web server with a background-task worker beside it: `python scripts/with_worker.py SERVER-COMMAND...`.

`make run` and `make serve` start the portal this way, so a PDF asked for is made without anything else
installed or started. The worker (`manage.py task_worker`, same environment) lives as long as the
server: it stops when the server stops, and the kernel ends it if this process is killed outright.
"""

import ctypes
import signal
import subprocess
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1
MANAGE = Path(__file__).resolve().parent.parent / "manage.py"


def die_with_parent() -> None:
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def main(server_command: list[str]) -> int:
    worker = subprocess.Popen([sys.executable, str(MANAGE), "task_worker"], preexec_fn=die_with_parent)
    server = subprocess.Popen(server_command, preexec_fn=die_with_parent)
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda number, frame: server.send_signal(number))
    try:
        return server.wait()
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
