"""A pre-loaded kernel template: forks one fresh, jailed kernel per notebook (run by path).

Usage (started by :class:`kit.course.grading.forking.KernelTemplate`, not by hand)::

    python template.py --channel FD [--channel FD ...] [--preload MODULE ...]

Why: starting a kernel the usual way costs a new interpreter, ipykernel's imports and then the
libraries the notebook imports (pandas) in its first cell, for every notebook. This process pays
that once: it imports ipykernel's machinery and the preloaded libraries, then waits. It never
runs student code and holds nothing of the grader (it is started by exec with no inherited
files). For each notebook it forks a child, which goes through the jail (:mod:`jail`: scratch
copy, hidden folders, limits, the unprivileged user) and then runs the kernel in itself. Every
notebook so gets a new process, copied from this untouched template, never from another
notebook's kernel.

One template serves every grading process of a run, each on its own channel (a Unix socket it
inherits). A request is one byte carrying the reading end of a pipe (SCM_RIGHTS); the template
forks, and the child alone reads from that pipe what to run: ``{"argv": [jail arguments, "--",
kernel command], "cwd": DIR, "env": {...}}``. So the template never holds anything of a
notebook, not even which official's it is. Out, one JSON object per line on the channel:
``{"ready": true}`` once the imports are done; ``{"pid": N}`` for each request; ``{"exit": N,
"code": C}`` when that child ends (reaped here: it is this process's child). A channel that
closes has its kernels killed; the template ends when every channel has closed.
"""

import importlib.util
import json
import os
import selectors
import signal
import socket
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Nothing from this folder may shadow a student's import: the kernel's path is set per child.
if sys.path and os.path.abspath(sys.path[0] or ".") == HERE:
    del sys.path[0]


def _load_jail():
    spec = importlib.util.spec_from_file_location("_kit_jail", os.path.join(HERE, "jail.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kernel_argv(command: list[str]) -> list[str] | None:
    """The ipykernel arguments of ``command`` if it starts this very interpreter's ipykernel
    (so a fork of this process is the same kernel), else None: it is then exec'd as before."""
    if len(command) < 3 or command[1:3] != ["-m", "ipykernel_launcher"]:
        return None
    if os.path.realpath(command[0]) != os.path.realpath(sys.executable):
        return None
    return command[3:]


def _run_kernel(command: list[str], env: dict) -> None:
    """In the jailed child: the kernel, as ``python -m ipykernel_launcher`` would start it."""
    import tempfile

    os.environ.clear()
    os.environ.update(env)
    tempfile.tempdir = None  # read TMPDIR again: the scratch folder
    # `python -m` puts the working folder first on the path: a student's own module imports.
    sys.path.insert(0, os.getcwd())
    sys.argv = [command[0], *command[3:]]
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(command[3:])
    app.start()


def _read_request(fd: int) -> dict:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return json.loads(b"".join(chunks))


def _child(request_fd: int, jail, closing: list[int]) -> None:
    os.setsid()  # its own process group: the grader's interrupts and kills reach its children
    for fd in closing:
        os.close(fd)
    request = _read_request(request_fd)
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    argv = list(request["argv"])
    command = argv[argv.index("--") + 1 :]
    jail.main(argv, launch=_run_kernel if kernel_argv(command) is not None else None)


def _say(fd: int, message: dict) -> None:
    try:
        os.write(fd, (json.dumps(message) + "\n").encode())
    except OSError:  # that grader is gone: its kernels are killed when its channel closes
        pass


def _fork(request_fd: int, jail, closing: list[int]) -> int:
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            _child(request_fd, jail, closing)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException as exc:  # said on the grader's stderr, as the jail says it
            try:
                os.write(2, f"kit-template: cannot start a kernel: {exc!r}\n".encode())
            except OSError:
                pass
        finally:
            os._exit(code)
    return pid


#: What an ipykernel imports while it starts and runs its first cells (seen in a kernel's
#: sys.modules): imported here once instead of in every kernel.
KERNEL_MODULES = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",
    "IPython.core.debugger",
    "IPython.core.completerlib",
    "IPython.extensions.storemagic",
    "stack_data",
    "pygments.formatters.terminal256",
    "psutil",
    "sqlite3",
    "tornado.platform.asyncio",
    "tornado.queues",
)


def _map_module_files() -> None:
    """Fill :mod:`inspect`'s map from file to module for every module imported here.

    IPython formats a failed cell's traceback (twice: shown and stored) through
    ``inspect.getmodule``, which maps every loaded module's file on first use: with pandas
    loaded, a fifth of a second in each kernel whose notebook has an error, that is most
    submissions. The map depends only on the modules imported here (paths, not data), so it
    is done once; a kernel adds only the modules it imports itself."""
    import inspect

    inspect.getmodule(compile("", "<kit-template>", "exec"))


def serve(channels: list[int], preload: list[str]) -> None:
    """Answer each grading process on its own channel (a socket) until all have closed."""
    jail = _load_jail()
    for name in (*KERNEL_MODULES, *preload):
        try:
            importlib.import_module(name)
        except Exception:  # a library that fails here fails (and is reported) in the notebook
            pass
    _map_module_files()

    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    owner: dict[int, int] = {}  # kernel pid -> channel
    selector = selectors.DefaultSelector()
    # The template's own files: closed in every kernel.
    closing = [wake_r, wake_w, selector.fileno(), *channels]
    selector.register(wake_r, selectors.EVENT_READ, None)
    open_channels = {fd: socket.socket(fileno=fd) for fd in channels}
    for fd in channels:
        selector.register(fd, selectors.EVENT_READ, fd)
        _say(fd, {"ready": True})
    while open_channels:
        for key, _ in selector.select():
            fd = key.data
            if fd is None:
                try:
                    os.read(wake_r, 4096)
                except BlockingIOError:
                    pass
                continue
            # Each request is one byte with the reading end of a pipe: the notebook's details
            # travel through that pipe to the child alone, never through this process.
            data, fds, _, _ = socket.recv_fds(open_channels[fd], 1024, 64)
            if not data:
                selector.unregister(fd)
                del open_channels[fd]
                _kill([pid for pid, chan in owner.items() if chan == fd])
                continue
            for request_fd in fds:
                pid = _fork(request_fd, jail, closing)
                os.close(request_fd)
                owner[pid] = fd
                _say(fd, {"pid": pid})
        _reap(owner)
    _kill(list(owner))
    while owner:  # reaped here, so their CPU time counts in this process's children
        pid, status = os.waitpid(-1, 0)
        owner.pop(pid, None)


def _kill(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def _reap(owner: dict[int, int]) -> None:
    while owner:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        channel = owner.pop(pid, None)
        if channel is not None:
            _say(channel, {"exit": pid, "code": os.waitstatus_to_exitcode(status)})


def _arguments(args: list[str], flag: str) -> list[str]:
    return [args[i + 1] for i, arg in enumerate(args[:-1]) if arg == flag]


if __name__ == "__main__":
    serve(
        [int(fd) for fd in _arguments(sys.argv[1:], "--channel")],
        _arguments(sys.argv[1:], "--preload"),
    )
    # Every kernel is reaped and nothing is left to write: end without tearing down pandas and
    # the rest module by module (a few tenths of a second the grader would wait for).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
