"""Who may talk to the editor: the token, the Host and the Origin of every request.

A server that writes files on 127.0.0.1 can be reached by any web page open in the same
browser: a cross-site form `POST`, or a name the attacker's DNS points at 127.0.0.1 (DNS
rebinding). So every request must carry the secret token (given once in the printed address,
then kept in an HttpOnly SameSite=Strict cookie), name this server in `Host` (a rebound name
is refused), and, when the browser says where it comes from (`Origin`), come from this
server's own pages.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie

WILDCARDS = ("0.0.0.0", "::", "")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass
class Guard:
    host: str
    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def cookie_name(self) -> str:
        # Cookies are not kept apart by port: two editors on one computer each have their own.
        return f"site_builder_editor_{self.port}"

    @property
    def browser_cookie_name(self) -> str:
        return f"{self.cookie_name}_browser"

    def host_allowed(self, host_header: str | None) -> bool:
        """`Host` names this server: its own address, `localhost`, or, when it listens on
        every address (`--host 0.0.0.0`), any IP address; never another name."""
        if not host_header:
            return False
        name, _, port = host_header.rpartition(":")
        if not name or port != str(self.port):
            return False
        own = {self.host}
        if self.host in ("127.0.0.1", "localhost", *WILDCARDS):
            own |= {"127.0.0.1", "localhost"}
        if name in own:
            return True
        return self.host in WILDCARDS and _is_ip(name)

    def origin_allowed(self, origin: str | None, host_header: str | None) -> bool:
        """No `Origin` (a plain navigation), or this very server's."""
        return origin is None or origin == f"http://{host_header}"

    def token_matches(self, given: str | None) -> bool:
        return given is not None and secrets.compare_digest(given.encode(), self.token.encode())

    def cookies(self, header: str | None) -> tuple[str | None, str | None]:
        """The token and the browser's id from a `Cookie` header."""
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(header or "")
        except CookieError:
            return None, None
        token = jar.get(self.cookie_name)
        browser = jar.get(self.browser_cookie_name)
        return (token.value if token else None, browser.value if browser else None)

    def login_cookies(self, browser: str | None) -> list[str]:
        """`Set-Cookie` values after a good token: the token, and an id for this browser
        (whose handed-out versions are kept apart from another's, saving.py) unless it has one."""
        flags = "HttpOnly; SameSite=Strict; Path=/"
        cookies = [f"{self.cookie_name}={self.token}; {flags}"]
        if browser is None:
            cookies.append(f"{self.browser_cookie_name}={secrets.token_urlsafe(16)}; {flags}")
        return cookies

    def address(self, shown_host: str | None = None) -> str:
        host = shown_host or ("127.0.0.1" if self.host in WILDCARDS else self.host)
        return f"http://{host}:{self.port}/?token={self.token}"
