"""Kernels forked from a pre-loaded template instead of started from nothing, per notebook.

The grader side of :mod:`kit.course.grading.template`: :class:`KernelTemplate` starts the
template process, and a grading process asks it for a child per notebook on its
:class:`TemplateChannel`; :class:`ForkedKernel` stands for that
child where jupyter_client expects a ``subprocess.Popen``. The provisioner that launches kernels
this way is :class:`kit.course.grading.kernels.ForkingProvisioner`.

Standard library only: the template is started before the grader imports jupyter_client and
nbgrader, so that its own imports run meanwhile on the other core.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

TEMPLATE = Path(__file__).with_name("template.py")
#: Preloaded whatever the assignment imports: numpy is imported by pandas and altair alike.
ALWAYS = ("numpy",)
#: Environment of the template while it imports: the jail gives every kernel the same, and a
#: BLAS that read a larger number at import would start threads a fork cannot carry.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
#: Also for the template's imports only (each kernel gets the grader's environment): the
#: debugger ipykernel imports would warn on the trainer's terminal about frozen modules.
QUIET_IMPORTS = {"PYDEVD_DISABLE_FILE_VALIDATION": "1"}


class ForkedKernel:
    """A kernel process forked by the template, with the parts of ``Popen`` jupyter_client uses.

    It is the template's child, not ours: its exit code arrives from the template."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self._ended = threading.Event()

    def _exited(self, code: int) -> None:
        self.returncode = code
        self._ended.set()

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if not self._ended.wait(timeout):
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class TemplateChannel:
    """One grading process's line to the template: ``spawn`` returns a fresh, jailed kernel."""

    def __init__(self, sock: socket.socket, preload: list[str]):
        self.sock = sock
        self.preload = preload
        self._kernels: dict[int, ForkedKernel] = {}
        self._replies: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None
        self._closed = False

    def usable(self) -> bool:
        return not self._closed and self.sock.fileno() != -1

    def _start_reading(self) -> None:
        # Started in the process that uses the channel (threads do not survive a fork).
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if self._replies.get().get("ready") is not True:
            self._closed = True
            raise RuntimeError("the kernel template did not start")

    def _read(self) -> None:
        for line in self.sock.makefile("rb"):
            message = json.loads(line)
            if "exit" in message:
                kernel = self._kernels.pop(message["exit"], None)
                if kernel is not None:
                    kernel._exited(message["code"])
                continue
            if "pid" in message:
                message["kernel"] = self._kernels[message["pid"]] = ForkedKernel(message["pid"])
            self._replies.put(message)
        # The template is gone (and has killed its children): no kernel of it is running.
        self._closed = True
        for kernel in list(self._kernels.values()):
            kernel._exited(-signal.SIGKILL)
        self._replies.put({})

    def spawn(self, argv: list[str], cwd: str, env: dict[str, str]) -> ForkedKernel:
        """A new kernel: jail ``argv`` (jail arguments, ``--``, kernel command) in ``cwd``."""
        request = json.dumps({"argv": argv, "cwd": str(cwd), "env": dict(env)}).encode()
        with self._lock:
            if self._reader is None:
                self._start_reading()
            # The template gets a pipe, the child forked for it reads the request from it.
            reading, writing = os.pipe()
            try:
                socket.send_fds(self.sock, [b"F"], [reading])
            finally:
                os.close(reading)
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(request)
            reply = self._replies.get()
        if "kernel" not in reply:
            raise RuntimeError("the kernel template stopped")
        return reply["kernel"]

    def close(self) -> None:
        self._closed = True
        self.sock.close()


class KernelTemplate:
    """The template process, with one channel per grading process that will use it.

    Started by the process that forks the graders, early, so its imports overlap with the
    grader's own start-up; each grader adopts one channel (:func:`adopt`)."""

    def __init__(self, preload: list[str] | tuple[str, ...] = (), clients: int = 1):
        self.preload = sorted({*ALWAYS, *preload})
        pairs = [socket.socketpair() for _ in range(clients)]
        command = [sys.executable, str(TEMPLATE)]
        for _, theirs in pairs:
            command += ["--channel", str(theirs.fileno())]
        for name in self.preload:
            command += ["--preload", name]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            cwd="/",
            env={**os.environ, **SINGLE_THREADED, **QUIET_IMPORTS},
            close_fds=True,
            pass_fds=[theirs.fileno() for _, theirs in pairs],
        )
        for _, theirs in pairs:
            theirs.close()
        self.channels = [TemplateChannel(mine, self.preload) for mine, _ in pairs]

    def release_channels(self) -> None:
        """Close this process's copies of the channels (the graders have theirs)."""
        for channel in self.channels:
            channel.sock.close()

    def close(self) -> None:
        """Close the channels still held here and wait for the template to end."""
        for channel in self.channels:
            channel.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_SHARED: dict = {}


def adopt(channel: TemplateChannel) -> bool:
    """Make ``channel`` this process's line to a template (False if it was already closed)."""
    if not channel.usable():
        return False
    _SHARED.update(channel=channel, pid=os.getpid(), own=None)
    return True


def shared_template(preload: list[str] | tuple[str, ...] = ()) -> TemplateChannel:
    """This process's channel to a template: the adopted one, else a template of its own,
    started on first use (again if it died or the preload grew)."""
    channel = _SHARED.get("channel")
    if (
        channel is None
        or _SHARED.get("pid") != os.getpid()
        or not channel.usable()
        or not set(preload) <= set(channel.preload)
    ):
        if _SHARED.get("pid") == os.getpid():
            close_shared_template()
        own = KernelTemplate(preload)
        _SHARED.update(channel=own.channels[0], pid=os.getpid(), own=own)
    return _SHARED["channel"]


def close_shared_template() -> None:
    """Close this process's channel (and wait for its own template, if it started one)."""
    channel, own = _SHARED.pop("channel", None), _SHARED.pop("own", None)
    if _SHARED.pop("pid", None) != os.getpid():
        return
    if own is not None:
        own.close()
    elif channel is not None:
        channel.close()


def notebook_imports(folder: Path) -> list[str]:
    """Installed top-level packages the notebooks of ``folder`` import (the trainer's release:
    what every submission's kernel will import anyway)."""
    found: set[str] = set()
    for path in sorted(folder.glob("*.ipynb")):
        try:
            # Read as JSON (nbformat 4, as nbgrader releases it): nbformat's validation would
            # cost a tenth of a second before the template starts.
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            sources = [
                "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                for cell in cells
                if cell.get("cell_type") == "code"
            ]
        except Exception:  # an unreadable release notebook only loses the preload
            continue
        for source in sources:
            try:
                tree = ast.parse(source)
            except SyntaxError:  # magics, or an unfinished cell: nothing to learn from it
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.add(node.module.split(".")[0])
    return sorted(name for name in found if _installed_package(name))


def _installed_package(name: str) -> bool:
    """A third-party package (not the standard library, which is cheap to import)."""
    if name in sys.stdlib_module_names:
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
