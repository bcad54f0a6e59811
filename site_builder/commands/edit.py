"""`site-builder edit`: the web editor for this project, in the browser, on this computer."""

from __future__ import annotations

import argparse
import errno
import threading
import webbrowser

from rich.console import Console

from site_builder.commands.printing import EXIT_OK, EXIT_USAGE, SubCommands
from site_builder.editor import media
from site_builder.editor.protocol import EditorState
from site_builder.editor.security import WILDCARDS
from site_builder.editor.server import EditorServer
from site_builder.i18n import language, t
from site_builder.project import Project

DEFAULT_PORT = 8100
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _bind(project: Project, host: str, port: int | None, console: Console) -> EditorServer | None:
    """The server on `port`; without `--port`, on 8100 or, when that is taken, a free one."""
    state = EditorState.open(project)
    try:
        return EditorServer((host, DEFAULT_PORT if port is None else port), state, language())
    except OSError as exc:
        if port is None and exc.errno == errno.EADDRINUSE:
            return EditorServer((host, 0), state, language())
        console.print(
            t(
                "无法在 {h}:{p} 启动编辑器:{e}。请换一个端口,如 --port 8200",
                "cannot start the editor on {h}:{p}: {e}. Try another port, such as --port 8200",
                h=host,
                p=port,
                e=exc.strerror,
            ),
            style="red",
            highlight=False,
        )
        return None


def _warm(state: EditorState) -> None:
    """While staff open the editor: check the project once and make the photos' previews, so
    the first save and the first media library are as quick as the next ones."""
    state.checker.warm()
    media.make_thumbnails(state.project)


def cmd_edit(args: argparse.Namespace, project: Project, console: Console) -> int:
    server = _bind(project, args.host, args.port, console)
    if server is None:
        return EXIT_USAGE
    address = server.guard.address()
    console.print(
        t(
            "编辑器已启动,请在浏览器中打开(地址中含密钥,不要发给别人):\n  {a}\n"
            "用完后在这个窗口按 Ctrl+C 关闭。",
            "The editor is running; open it in the browser (the address holds a secret key, "
            "do not share it):\n  {a}\nPress Ctrl+C here to stop it.",
            a=address,
        ),
        highlight=False,
        markup=False,
    )
    if args.host not in LOOPBACK:
        shown = "本机的 IP 地址" if args.host in WILDCARDS else args.host
        console.print(
            t(
                "注意:编辑器对办公室网络开放。同一网络中的电脑用 http://{h}:{p}/?token=… 打开,"
                "凭密钥就能修改 content/ 中的全部内容。只在信得过的内部网络中这样用。",
                "Note: the editor is open to the office network. Anyone there with the "
                "address and its key can change everything in content/.",
                h=shown,
                p=server.server_address[1],
            ),
            style="yellow",
            highlight=False,
        )
    threading.Thread(target=_warm, args=(server.state,), daemon=True).start()
    if not args.no_browser:
        threading.Timer(0.5, webbrowser.open, args=(address,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        console.print(t("编辑器已关闭", "the editor stopped"), highlight=False)
    finally:
        server.server_close()
    return EXIT_OK


def add_command(subparsers: SubCommands) -> None:
    """`edit`: the web editor."""
    edit = subparsers.add_parser(
        "edit",
        help=t(
            "在浏览器中编辑内容、导入台账、预览和发布(本机网页编辑器)",
            "edit content, import ledgers, preview and publish in the browser",
        ),
    )
    edit.add_argument(
        "--port",
        type=int,
        help=t(
            "端口(默认 8100,被占用时自动换一个)", "port (default 8100, another when it is taken)"
        ),
    )
    edit.add_argument(
        "--host",
        default="127.0.0.1",
        help=t(
            "监听地址(默认只允许本机;0.0.0.0 让办公室网络中的电脑凭密钥访问)",
            "address to listen on (default: this computer only; 0.0.0.0 lets the office "
            "network in, with the key)",
        ),
    )
    edit.add_argument(
        "--no-browser",
        action="store_true",
        help=t("不自动打开浏览器", "do not open the browser"),
    )
    edit.set_defaults(run=cmd_edit)
