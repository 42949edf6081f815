"""A small remote server for tests: serves actor documents on 127.0.0.1 and records what
is delivered to its inboxes (a real HTTP server in a thread, not a mock)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from federation.signatures import sign_request
from tests.federation.keys import remote_keys


class Peer:
    def __init__(self):
        self.documents: dict[str, dict] = {}
        self.received: list[dict] = []
        self.files: dict[str, tuple[bytes, str]] = {}  # path -> (body, content type)
        self.fetched: list[str] = []  # paths asked for with GET
        self.fetched_headers: list[dict] = []  # and the headers of each GET
        self.status = 202
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                peer.fetched.append(self.path)
                peer.fetched_headers.append(dict(self.headers))
                if self.path in peer.files:
                    body, content_type = peer.files[self.path]
                    self.send_response(200)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                document = peer.documents.get(self.path)
                body = json.dumps(document).encode() if document else b"{}"
                self.send_response(200 if document else 404)
                self.send_header("Content-Type", "application/activity+json")
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                peer.received.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                self.send_response(peer.status)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def actor(self, name: str, **extra) -> dict:
        private_pem, public_pem = remote_keys(name)
        uri = f"{self.base}/users/{name}"
        document = {
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            "id": uri,
            "type": "Person",
            "preferredUsername": name,
            "inbox": f"{uri}/inbox",
            "endpoints": {"sharedInbox": f"{self.base}/inbox"},
            "publicKey": {"id": f"{uri}#main-key", "owner": uri, "publicKeyPem": public_pem},
            **extra,
        }
        self.documents[f"/users/{name}"] = document
        return document

    def signed_post(
        self, client, path: str, activity: dict, *, name: str, site: str, key_id: str = ""
    ):
        """POST `activity` to Candid's `path`, signed by `name`'s key as a peer would."""
        private_pem, _ = remote_keys(name)
        body = json.dumps(activity).encode()
        headers = sign_request(
            method="POST",
            url=site + path,
            body=body,
            key_id=key_id or f"{self.base}/users/{name}#main-key",
            private_pem=private_pem,
        )
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        extra.pop("HTTP_HOST")
        return client.post(
            path,
            data=body,
            content_type="application/activity+json",
            HTTP_HOST=headers["Host"],
            **extra,
        )

    def close(self):
        self.server.shutdown()
