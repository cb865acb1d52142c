"""Local receivers on 127.0.0.1 for alert tests: an HTTP webhook and a minimal SMTP sink."""

from __future__ import annotations

import http.server
import json
import socketserver
import threading


class Webhook:
    """Collects JSON POST bodies."""

    def __init__(self, port: int = 0):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SmtpSink:
    """Just enough SMTP (HELO/EHLO, MAIL, RCPT, DATA, QUIT) to receive a message."""

    def __init__(self):
        messages = self.messages = []

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 sink ready\r\n")
                data_mode, lines, envelope = False, [], {"rcpt": []}
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    text = line.decode("utf-8", "replace").rstrip("\r\n")
                    if data_mode:
                        if text == ".":
                            messages.append({**envelope, "data": "\n".join(lines)})
                            data_mode, lines = False, []
                            self.wfile.write(b"250 queued\r\n")
                        else:
                            lines.append(text[1:] if text.startswith("..") else text)
                        continue
                    verb = text.split(" ", 1)[0].upper()
                    if verb in ("HELO", "EHLO"):
                        self.wfile.write(b"250 sink\r\n")
                    elif verb == "MAIL":
                        envelope["from"] = text
                        self.wfile.write(b"250 ok\r\n")
                    elif verb == "RCPT":
                        envelope["rcpt"].append(text)
                        self.wfile.write(b"250 ok\r\n")
                    elif verb == "DATA":
                        data_mode = True
                        self.wfile.write(b"354 go ahead\r\n")
                    elif verb == "QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
