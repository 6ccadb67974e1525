"""An aiosmtpd server on 127.0.0.1 that keeps every message it accepts."""

import email
import email.policy
import logging
import threading

from aiosmtpd.controller import Controller

from notifications.testing import free_port

NOTIFICATION_HEADER = "X-Portal-Notification"
# aiosmtpd logs every SMTP command at INFO; a thousand messages would drown the useful lines.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class _KeepingHandler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "refuse" in address.split("@")[0]:  # lets tests see a permanent refusal
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.sink.keep(message, list(envelope.rcpt_tos), session.peer)
        return "250 Message accepted"


class SmtpSink:
    """Start with `start()`, point EMAIL_URL at `url`, read `messages`; `stop()` at the end."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.url = f"smtp://127.0.0.1:{self.port}"
        self.messages = []
        self._lock = threading.Lock()
        self._controller = Controller(_KeepingHandler(self), hostname="127.0.0.1", port=self.port)

    def start(self):
        self._controller.start()
        return self

    def stop(self):
        self._controller.stop()

    def keep(self, message, recipients, peer=None):
        with self._lock:
            # peer: the client's address and port, the same for messages sent over one connection.
            self.messages.append({"message": message, "to": recipients, "peer": peer})

    def clear(self):
        with self._lock:
            self.messages.clear()

    def notification_ids(self):
        """The X-Portal-Notification header of every message received, duplicates included."""
        with self._lock:
            return [int(item["message"][NOTIFICATION_HEADER]) for item in self.messages
                    if item["message"][NOTIFICATION_HEADER]]
