"""A local learning platform for the LTI tests: token, line item and score endpoints on
127.0.0.1, checking the tool's signed JWT with the tool's public key as a real platform does."""

from __future__ import annotations

import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def rsa_pair(folder, name="tool"):
    """A fresh RSA key: the private PEM written to ``folder`` (0600) and the public key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = folder / f"{name}-private.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)
    return path, key.public_key()


@dataclass
class Platform:
    """What the double was told and what it accepted."""

    client_id: str
    tool_key: object  # the tool's public key, as registered on the platform
    base: str = ""
    assertions: list[dict] = field(default_factory=list)
    line_items: list[dict] = field(default_factory=list)
    scores: list[dict] = field(default_factory=list)
    refuse_users: set[str] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)

    @property
    def token_url(self) -> str:
        return f"{self.base}/token"

    @property
    def lineitems(self) -> str:
        return f"{self.base}/api/lineitems?course=7"


def serve(platform: Platform):
    """Start the double; returns the server (call ``shutdown()``)."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def _reply(self, status: int, body=None, kind="application/json"):
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            auth = self.headers.get("Authorization", "")
            return auth.startswith("Bearer ") and auth[7:] in platform.tokens

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length", 0)))

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/api/lineitems" or not self._authorised():
                return self._reply(401 if url.path == "/api/lineitems" else 404)
            wanted = urllib.parse.parse_qs(url.query).get("resource_id", [None])[0]
            items = [i for i in platform.line_items if wanted in (None, i["resourceId"])]
            return self._reply(200, items, "application/vnd.ims.lis.v2.lineitemcontainer+json")

        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            body = self._body()
            if url.path == "/token":
                form = dict(urllib.parse.parse_qsl(body.decode()))
                try:
                    claims = jwt.decode(
                        form["client_assertion"],
                        platform.tool_key,
                        algorithms=["RS256"],
                        audience=platform.token_url,
                        issuer=platform.client_id,
                    )
                except (KeyError, jwt.PyJWTError):
                    return self._reply(401, {"error": "invalid_client"})
                ok = (
                    form.get("grant_type") == "client_credentials"
                    and claims["sub"] == platform.client_id
                    and form.get("client_assertion_type", "").endswith("jwt-bearer")
                )
                if not ok:
                    return self._reply(400, {"error": "invalid_request"})
                platform.assertions.append(claims)
                token = f"t{len(platform.tokens) + 1}"
                platform.tokens.add(token)
                answer = {"access_token": token, "token_type": "Bearer", "expires_in": 3600}
                return self._reply(200, {**answer, "scope": form.get("scope")})
            if not self._authorised():
                return self._reply(401)
            if url.path == "/api/lineitems":
                item = json.loads(body)
                item["id"] = (
                    f"{platform.base}/api/lineitems/{len(platform.line_items) + 1}?course=7"
                )
                platform.line_items.append(item)
                return self._reply(201, item, "application/vnd.ims.lis.v2.lineitem+json")
            if url.path.startswith("/api/lineitems/") and url.path.endswith("/scores"):
                if self.headers.get("Content-Type") != "application/vnd.ims.lis.v1.score+json":
                    return self._reply(415)
                score = json.loads(body)
                if score["userId"] in platform.refuse_users:
                    return self._reply(500)
                score["lineitem"] = url.path.removesuffix("/scores")
                score["query"] = url.query
                platform.scores.append(score)
                return self._reply(200)
            return self._reply(404)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    platform.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
