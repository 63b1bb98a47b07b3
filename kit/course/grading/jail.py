"""Start one grading kernel inside limits: run by path (stdlib only) before the kernel's own argv.

Usage (written by :class:`kit.course.grading.kernels.SandboxedKernelManager`, not by hand)::

    python -I -S jail.py --scratch DIR [--user NAME] --memory BYTES --cpu SECONDS
        --fsize BYTES --nproc N -- python -m ipykernel_launcher -f CONNECTION_FILE

A kernel forked from a pre-loaded template (:mod:`kit.course.grading.template`) goes through the
same steps, in the forked child, before it runs any student code.

The working directory on entry is the student's autograded folder (nbgrader's choice). The jail
copies it into the empty scratch folder, gives the scratch folder to the unprivileged user, sets
resource limits, drops root and replaces itself with the kernel: same pid, so interrupts and
kills from the grader still reach the kernel.
"""

import argparse
import ctypes
import os
import resource
import shutil
import sys

CLONE_NEWNS = 0x00020000
MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 4096, 16384, 1 << 18


def _limit(kind: int, value: int) -> None:
    if value > 0:
        resource.setrlimit(kind, (value, value))


def _chown_tree(top: str, uid: int, gid: int) -> None:
    for folder, dirs, files in os.walk(top):
        os.chown(folder, uid, gid)
        for name in dirs + files:
            os.lchown(os.path.join(folder, name), uid, gid)


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    enc = [None if v is None else v.encode() for v in (source, target, fstype, data)]
    if libc.mount(enc[0], enc[1], enc[2], ctypes.c_ulong(flags), enc[3]) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {target}: {os.strerror(err)}")


def _blocked_by(path: str) -> str | None:
    """The highest folder above ``path`` that other users may not enter, if any."""
    parts = os.path.abspath(path).split(os.sep)
    for n in range(2, len(parts) + 1):
        folder = os.sep.join(parts[:n])
        if not os.stat(folder).st_mode & 0o001:
            return folder
    return None


def _isolate(hide: list[str], needed: list[str]) -> None:
    """In a private mount namespace, cover ``hide`` with empty folders, and let the kernel
    reach ``needed`` (the Python installation) even when it sits in a closed home folder."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNS) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"unshare: {os.strerror(err)}")
    _mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    keep = {}
    covers = set(p for p in hide if os.path.isdir(p))
    for path in needed:
        blocker = _blocked_by(path)
        if blocker:
            covers.add(blocker)
            # A handle taken before the cover goes on, mounted back through /proc afterwards.
            keep[path] = os.open(path, os.O_PATH)
    for cover in sorted(covers, key=len):
        _mount("tmpfs", cover, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755")
    for path, fd in sorted(keep.items()):
        os.makedirs(path, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC, None)
        os.close(fd)


def main(argv: list[str], launch=None) -> None:
    """Jail this process, then start the kernel: ``launch(command, env)`` when given (a process
    forked from a pre-loaded template runs the kernel in itself), else exec ``command``."""
    parser = argparse.ArgumentParser(prog="kit-jail")
    parser.add_argument("--scratch", required=True)
    parser.add_argument("--user", default="")
    parser.add_argument("--memory", type=int, default=0)
    parser.add_argument("--cpu", type=int, default=0)
    parser.add_argument("--fsize", type=int, default=0)
    parser.add_argument("--nproc", type=int, default=0)
    parser.add_argument("--hide", action="append", default=[])
    parser.add_argument("--need", action="append", default=[])
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    # Only this student's files travel: the kernel never sees the course directory.
    shutil.copytree(os.getcwd(), args.scratch, dirs_exist_ok=True, symlinks=True)
    # The connection file sits in root's runtime folder; the kernel gets its own readable copy.
    if "-f" in command:
        at = command.index("-f") + 1
        copy = os.path.join(args.scratch, ".kit-kernel.json")
        shutil.copyfile(command[at], copy)
        command[at] = copy

    env = dict(os.environ)
    env.update(
        HOME=args.scratch,
        IPYTHONDIR=os.path.join(args.scratch, ".ipython"),
        MPLCONFIGDIR=os.path.join(args.scratch, ".matplotlib"),
        TMPDIR=args.scratch,
        # One thread per numeric library: kernels run side by side and RLIMIT_AS counts the
        # address space every BLAS thread reserves.
        OPENBLAS_NUM_THREADS="1",
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
    )

    uid = gid = None
    if args.user and os.geteuid() == 0:
        import pwd

        entry = pwd.getpwnam(args.user)
        uid, gid = entry.pw_uid, entry.pw_gid
        _chown_tree(args.scratch, uid, gid)
        env["USER"] = env["LOGNAME"] = args.user
    os.chmod(args.scratch, 0o700)
    os.chdir(args.scratch)
    if uid is not None:
        needed = [sys.base_prefix, sys.prefix, *args.need]
        needed.append(os.path.dirname(os.path.realpath(shutil.which(command[0]) or command[0])))
        _isolate(args.hide, needed)

    _limit(resource.RLIMIT_AS, args.memory)
    _limit(resource.RLIMIT_CPU, args.cpu)
    _limit(resource.RLIMIT_FSIZE, args.fsize)
    _limit(resource.RLIMIT_NPROC, args.nproc)
    # No core dumps: a crashing kernel would otherwise write the student's memory to disk.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    # The kernel's own log lines (not the student's output, which travels over ZeroMQ) would
    # fill the trainer's terminal: send them nowhere.
    report = os.dup(2)  # not inherited: kept to say why an exec failed
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    os.close(quiet)
    if uid is not None:
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    if launch is not None:
        os.close(report)  # no exec to close it: the student's code must not inherit it
        launch(command, env)
        return
    try:
        os.execvpe(command[0], command, env)
    except OSError as exc:
        os.write(report, f"kit-jail: cannot start {command[0]}: {exc}\n".encode())
        os._exit(127)


if __name__ == "__main__":
    main(sys.argv[1:])
