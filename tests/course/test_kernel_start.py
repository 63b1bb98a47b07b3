"""What each notebook's kernel no longer waits for or redoes (the per-notebook cost of grading)."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
import zmq

from kit.course.grading import parallel
from kit.course.grading.forking import KernelTemplate, adopt, close_shared_template
from kit.course.grading.kernels import RECONNECT_MS, ReadyClient, SandboxedKernelManager
from kit.course.grading.sandbox import Limits

pytestmark = pytest.mark.skipif(not parallel.FORK_KERNELS, reason="kernels are forked on Linux")


def run_coroutine(coro):
    """``asyncio.run`` in a thread of its own: a browser test's Playwright (sync API) may still
    hold an event loop running in the test's thread, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_client_uses_kits_wait_for_ready_and_a_short_reconnect():
    """Does the grader's kernel client run kit's wait for a ready kernel (jupyter_client's own
    waits for 0.2 s of IOPub silence per notebook) and retry a connection within 10 ms?"""
    client = ReadyClient()
    try:
        assert client.wait_for_ready.__func__ is ReadyClient._async_wait_for_ready
        assert client.context.getsockopt(zmq.RECONNECT_IVL) == RECONNECT_MS == 10
    finally:
        client.context.destroy(linger=0)


async def _run_in_forked_kernel(template: KernelTemplate, folder, code: str) -> list[str]:
    km = SandboxedKernelManager(kernel_name="python3")
    km.kit_limits = Limits(user="")
    km.kit_template = template.channels[0]
    km.kit_scratch = []
    await km.start_kernel(cwd=str(folder))
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=60)
        out: list[str] = []

        def keep(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])

        reply = await kc.execute_interactive(code, output_hook=keep, timeout=60)
        assert reply["content"]["status"] == "ok", reply["content"]
        return out
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)


def test_forked_kernel_starts_with_the_module_file_map(tmp_path):
    """Does a forked kernel find inspect's map from file to module already filled for the
    template's libraries (so a failed cell's traceback does not map every pandas module again
    in each kernel), while the notebook's own modules are still its own?"""
    template = KernelTemplate(["pandas"], clients=1)
    try:
        adopt(template.channels[0])
        code = (
            "import inspect, json, sys\n"
            "print(json.dumps(['pandas' in inspect._filesbymodname, "
            "'kit_student_module' in sys.modules]))"
        )
        out = run_coroutine(_run_in_forked_kernel(template, tmp_path, code))
    finally:
        close_shared_template()
        # This process's reader still holds its end of the channel: end the template here.
        template.process.terminate()
        template.close()
    assert json.loads("".join(out)) == [True, False]
