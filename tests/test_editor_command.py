"""`site-builder edit` as staff start it: it prints an address with its key, and that address
lets the browser in."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from site_builder.commands.main import main
from site_builder.project import Project

ROOT = Path(__file__).resolve().parent.parent


def test_edit_prints_its_address_and_that_address_opens_the_start_page(project: Project) -> None:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "SITE_BUILDER_LANG": "zh"}
    command = [sys.executable, "-m", "site_builder", "--project", str(project.root), "edit"]
    editor = subprocess.Popen(
        [*command, "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
    )
    try:
        assert editor.stdout is not None
        lines = [editor.stdout.readline() for _ in range(2)]
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", "".join(lines))
        assert found, lines
        address = found.group(0)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        deadline = time.monotonic() + 30
        while True:
            try:
                with opener.open(address, timeout=10) as page:
                    text = page.read().decode("utf-8")
                    assert page.url.endswith(f":{found.group(1)}/")  # the key left the address
                break
            except urllib.error.URLError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert "编辑内容" in text and "检查全部内容" in text
        with opener.open(address.split("?")[0] + "api/communities", timeout=10) as answer:
            assert b"taihe" in answer.read()
    finally:
        editor.terminate()
        editor.wait(timeout=30)


def test_a_port_in_use_is_a_usage_error_in_chinese(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["--project", str(project.root), "edit", "--no-browser", "--port", str(port)])
    assert code == 2
    out = capsys.readouterr().out
    assert "无法在 127.0.0.1" in out and "--port" in out
