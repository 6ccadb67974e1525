"""An HTTP server on 127.0.0.1 that answers POST /sms/send the way SMS.ru does (json=1)."""

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from notifications.testing import free_port


class SmsRuStandIn:
    """Records every request; `script(number, ...)` makes one number answer an error or time out."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.requests = []
        self.scripts = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def reset(self):
        with self._lock:
            self.requests.clear()
            self.scripts.clear()

    def script(self, number, *, code=None, top_code=None, http_status=200, delay=0.0, body=None):
        """How the gateway answers for `number` (digits): a per-number or top-level status code,
        an HTTP error status, a delay before answering, or a raw body."""
        self.scripts[number.lstrip("+")] = dict(
            code=code, top_code=top_code, http_status=http_status, delay=delay, body=body)

    def delivered(self):
        """(number, text) of every request the gateway accepted, duplicates included."""
        with self._lock:
            return [(item["to"], item["msg"]) for item in self.requests if item["accepted"]]

    def answer(self, form):
        script = self.scripts.get(form.get("to", ""), {})
        if script.get("delay"):
            time.sleep(script["delay"])
        status, payload = _payload(form.get("to", ""), script, next(self._ids))
        with self._lock:
            self.requests.append({**form, "accepted": status == 200 and _accepted(payload)})
        return status, payload


def _payload(number, script, sequence):
    if script.get("body") is not None:
        return script["http_status"], script["body"]
    if script.get("http_status", 200) != 200:
        return script["http_status"], "<html><body>Bad gateway</body></html>"
    if script.get("top_code"):
        return 200, {"status": "ERROR", "status_code": script["top_code"], "status_text": "error"}
    code = script.get("code") or 100
    result = {"status": "OK" if code == 100 else "ERROR", "status_code": code}
    if code == 100:
        result["sms_id"] = f"000000-{sequence:08d}"
    else:
        result["status_text"] = "error"
    return 200, {"status": "OK", "status_code": 100, "sms": {number: result}, "balance": 100.0}


def _accepted(payload):
    if not isinstance(payload, dict) or payload.get("status_code") != 100:
        return False
    return all(item.get("status_code") == 100 for item in payload.get("sms", {}).values())


def _handler_for(stand_in):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            if self.path.rstrip("/") != "/sms/send":
                self.send_error(404)
                return
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(parse_qsl(self.rfile.read(length).decode()))
            status, payload = stand_in.answer(form)
            raw = payload if isinstance(payload, str) else json.dumps(payload)
            self._reply(status, raw.encode())

        def _reply(self, status, raw):
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                pass

        def log_message(self, format, *args):  # keep test output quiet
            pass

    return Handler
