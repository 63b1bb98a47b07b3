"""The kernel side of the sandbox: kernels started through the jail, and an output cap.

Split from :mod:`kit.course.grading.sandbox` (the limits and checks, standard library only) so
that ``kit course autograde`` can start its kernel template before it imports nbgrader.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
import uuid
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, List, Unicode, default
from traitlets.config import Config

from kit.course.grading.forking import TEMPLATE, TemplateChannel
from kit.course.grading.sandbox import JAIL, MB, OUTPUT_CAP_NOTE, Limits

#: How soon a client socket tries again to reach a kernel that is not listening yet (ms).
#: ZeroMQ's default, 100 ms, is lost once per notebook: the client connects while the forked
#: kernel is still starting.
RECONNECT_MS = 10


class ReadyClient(AsyncKernelClient):
    """jupyter_client's client, without its waits of a tenth and a fifth of a second per kernel.

    Once the kernel has answered ``kernel_info`` on both channels, jupyter_client reads IOPub
    until it has been silent for 0.2 s: a pause of 0.2 s for every notebook. Messages still
    in flight then are the kernel's status for that request, which nbclient ignores anyway
    (it reads only the replies to its own requests). Here what IOPub already holds is read
    and the wait ends. And its sockets try again every 10 ms, not 100, to reach a kernel that
    was not listening yet when they connected."""

    @default("context")
    def _context_default(self):
        import zmq
        import zmq.asyncio

        self._created_context = True  # so the client destroys it when its channels stop
        context = zmq.asyncio.Context()
        context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)
        return context

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if msg["msg_type"] == "kernel_info_reply":
                    try:  # IOPub connected (else start over, as jupyter_client does)
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        while True:
            try:
                await self.iopub_channel.get_msg(timeout=0.01)
            except Empty:
                break

    # jupyter_client's asynchronous client binds its own method to this name: bind ours.
    wait_for_ready = _async_wait_for_ready


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels start through the jail, each in a fresh scratch folder.

    With ``kit_template`` set, the kernel is a child forked from that pre-loaded template and
    jailed in the child by the same jail code, with the same arguments; otherwise the jail is
    started as a new process and execs the kernel.
    """

    kit_limits: Limits = Limits(user="")
    kit_scratch: list[str] | None = None
    kit_template = None

    @default("client_factory")
    def _client_factory_default(self):
        return ReadyClient

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None and self.kit_template is not None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid.uuid4())
            self.provisioner = ForkingProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
            )
            self.provisioner.template = self.kit_template
        return await super()._async_pre_start_kernel(**kw)

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        # Waiting for a kernel to end after its notebook: jupyter_client looks every 100 ms, a
        # tenth of a second lost per notebook when kernels end in a few milliseconds.
        await super()._async_wait(pollinterval=min(pollinterval, 0.01))

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        scratch = tempfile.mkdtemp(prefix="kit-sandbox-")
        if self.kit_scratch is not None:
            self.kit_scratch.append(scratch)
        return [
            sys.executable,
            "-I",
            "-S",
            str(JAIL),
            "--scratch",
            scratch,
            *self.kit_limits.jail_args(),
            "--",
            *command,
        ]


class SandboxedExecute(Execute):
    """nbgrader's Execute with the kernel jailed and a cap on how much output a notebook keeps."""

    max_output_bytes = Integer(
        10 * MB,
        help="Output bytes a notebook may produce; beyond it output is dropped, cell stopped",
    ).tag(config=True)
    memory_mb = Integer(2048, help="Address-space limit of the kernel in MB").tag(config=True)
    file_mb = Integer(100, help="Largest file the kernel may write, in MB").tag(config=True)
    processes = Integer(512, help="Processes and threads the grading user may run").tag(config=True)
    cpu_seconds = Integer(600, help="CPU seconds for one kernel in all").tag(config=True)
    hide_paths = List(Unicode(), help="Folders the kernel sees as empty").tag(config=True)
    jail_user = Unicode("", help='Unprivileged user the kernel runs as ("": the grader\'s)').tag(
        config=True
    )
    fork_kernels = Bool(
        False,
        help="Fork each kernel from a pre-loaded template process (one per grading process) "
        "instead of starting a new interpreter; jailed the same way",
    ).tag(config=True)
    preload = List(Unicode(), help="Modules the kernel template imports once").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)
        self._scratch: list[str] = []
        self._output_bytes = 0
        self._capped_cells: set[int] = set()

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        km.kit_limits = Limits(
            cell_timeout=self.timeout or 0,
            memory_mb=self.memory_mb,
            file_mb=self.file_mb,
            processes=self.processes,
            cpu_seconds=self.cpu_seconds,
            user=self.jail_user,
            hide=tuple(self.hide_paths),
        )
        km.kit_scratch = self._scratch
        if self.fork_kernels:
            from kit.course.grading.forking import shared_template

            km.kit_template = shared_template(self.preload)
        return km

    def preprocess(self, nb, resources=None, km=None):
        self._output_bytes = 0
        self._capped_cells = set()
        try:
            return super().preprocess(nb, resources, km=km)
        finally:
            for scratch in self._scratch:
                shutil.rmtree(scratch, ignore_errors=True)
            self._scratch.clear()

    def output(self, outs, msg, display_id, cell_index):
        # Errors always pass: nbgrader decides a test cell's score from its error outputs.
        if msg["msg_type"] != "error":
            self._output_bytes += _message_size(msg)
            if self._output_bytes > self.max_output_bytes:
                if cell_index not in self._capped_cells:
                    self._capped_cells.add(cell_index)
                    limit = self.max_output_bytes / MB
                    outs.append(
                        new_output(
                            "stream",
                            name="stderr",
                            text=f"{OUTPUT_CAP_NOTE} ({limit:g} MB); the rest was dropped "
                            "and the cell was stopped.\n",
                        )
                    )
                    # Stop the flood now rather than waiting for the cell's timeout.
                    asyncio.ensure_future(self.km.interrupt_kernel())
                return None
        return super().output(outs, msg, display_id, cell_index)


def _message_size(msg: dict) -> int:
    content = msg.get("content", {})
    size = len(content.get("text", "") or "")
    for value in (content.get("data") or {}).values():
        size += len(value) if isinstance(value, str) else len(str(value))
    return size


def sandbox_config(limits: Limits, fork: bool = False, preload: list[str] | None = None) -> Config:
    """nbgrader configuration that swaps Execute for the sandboxed one, with these limits.

    ``fork``: kernels are forked from a template that imported ``preload`` once (see
    :mod:`kit.course.grading.forking`), each still new and jailed by the same jail.
    """
    from nbgrader.converters.autograde import Autograde
    from nbgrader.preprocessors import CheckCellMetadata

    from kit.course.grading.metadata import CheckCellMetadataOnce

    config = Config()
    swap = {Execute: SandboxedExecute, CheckCellMetadata: CheckCellMetadataOnce}
    for name in ("sanitize_preprocessors", "autograde_preprocessors"):
        stock = Autograde.class_traits()[name].default()
        config.Autograde[name] = [swap.get(cls, cls) for cls in stock]
    # Stock nbgrader leaves a deleted test cell out (its points are lost, its test never runs);
    # put it back so the official's answers are still tested. No effect on intact notebooks.
    config.OverwriteCells.add_missing_cells = True
    config.SandboxedExecute.timeout = limits.cell_timeout
    config.SandboxedExecute.max_output_bytes = int(limits.output_mb * MB)
    config.SandboxedExecute.memory_mb = limits.memory_mb
    config.SandboxedExecute.file_mb = limits.file_mb
    config.SandboxedExecute.processes = limits.processes
    config.SandboxedExecute.cpu_seconds = limits.cpu_seconds
    config.SandboxedExecute.jail_user = limits.user
    config.SandboxedExecute.hide_paths = list(limits.hide)
    config.SandboxedExecute.fork_kernels = fork
    config.SandboxedExecute.preload = list(preload or [])
    return config


class ForkingProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, launching by a fork of the template (see
    :mod:`kit.course.grading.forking`), so the kernel manager (interrupts, kills, restarts, the
    connection file) works as for any local kernel."""

    template: TemplateChannel | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs):
        env = kwargs.get("env") or dict(os.environ)
        cwd = kwargs.get("cwd") or os.getcwd()
        # The command is the jail's (``python -I -S jail.py ARGS -- KERNEL``): the child runs
        # the same jail, in itself, with the same arguments.
        argv = cmd[cmd.index(str(TEMPLATE.with_name("jail.py"))) + 1 :]
        self.process = self.template.spawn(argv, cwd, env)
        # The child makes itself a process group first thing: signals go to the whole group.
        self.pid = self.pgid = self.process.pid
        self.cwd = cwd
        return self.connection_info

    async def wait(self) -> int | None:
        """As the local provisioner's, polling every 10 ms (its 100 ms is a tenth of a second
        per notebook here: the exit is reported by the template at once)."""
        if self.process is None:
            return 0
        while self.process.poll() is None:
            await asyncio.sleep(0.01)
        code = self.process.returncode
        self.process = None
        return code
