"""A pre-loaded kernel template: forks one fresh, jailed kernel per notebook (run by path).

Usage (started by :class:`kit.course.grading.forking.KernelTemplate`, not by hand)::

    python template.py [--preload MODULE ...]

Why: starting a kernel the usual way costs a new interpreter, ipykernel's imports and then the
libraries the notebook imports (pandas) in its first cell, for every notebook. This process pays
that once: it imports ipykernel's machinery and the preloaded libraries, then waits. It never
runs student code and holds nothing of the grader (it is started by exec with no inherited
files). For each notebook it forks a child, which goes through the jail (:mod:`jail`: scratch
copy, hidden folders, limits, the unprivileged user) and then runs the kernel in itself. Every
notebook so gets a new process, copied from this untouched template, never from another
notebook's kernel.

Protocol, one JSON object per line. In on stdin: ``{"argv": [jail arguments, "--", kernel
command], "cwd": DIR, "env": {...}}``. Out on stdout: ``{"ready": true}`` once the imports are
done; ``{"pid": N}`` for each request; ``{"exit": N, "code": C}`` when a child ends (reaped here:
it is this process's child). End of stdin ends the template and kills the children left.
"""

import importlib.util
import json
import os
import selectors
import signal
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


def _child(request: dict, jail, closing: list[int]) -> None:
    os.setsid()  # its own process group: the grader's interrupts and kills reach its children
    for fd in closing:
        os.close(fd)
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


def _say(message: dict) -> None:
    os.write(1, (json.dumps(message) + "\n").encode())


def _fork(request: dict, jail, closing: list[int]) -> int:
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            _child(request, jail, closing)
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


def serve(preload: list[str]) -> None:
    jail = _load_jail()
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401 - the machinery every kernel needs

    for name in preload:
        try:
            importlib.import_module(name)
        except Exception:  # a library that fails here fails (and is reported) in the notebook
            pass

    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    children: set[int] = set()
    selector = selectors.DefaultSelector()
    closing = [wake_r, wake_w, selector.fileno()]  # the template's own files: not the kernel's
    selector.register(0, selectors.EVENT_READ, "in")
    selector.register(wake_r, selectors.EVENT_READ, "child")
    _say({"ready": True})
    pending = b""
    while True:
        for key, _ in selector.select():
            if key.data == "child":
                try:
                    os.read(wake_r, 4096)
                except BlockingIOError:
                    pass
                _reap(children)
                continue
            chunk = os.read(0, 65536)
            if not chunk:
                for pid in children:
                    try:
                        os.killpg(pid, signal.SIGKILL)
                    except OSError:
                        pass
                return
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                pid = _fork(json.loads(line), jail, closing)
                children.add(pid)
                _say({"pid": pid})
        _reap(children)


def _reap(children: set[int]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        children.discard(pid)
        _say({"exit": pid, "code": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    args = sys.argv[1:]
    serve([args[i + 1] for i, arg in enumerate(args[:-1]) if arg == "--preload"])
