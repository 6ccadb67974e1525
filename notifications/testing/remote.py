"""A stand-in server (SmtpSink, SmsRuStandIn) run in a process of its own.

bench/notifications.py measures the committing loop and a worker against the stand-ins' receiving
end; in the benchmark's own process their threads would share its GIL with the loop being measured
(issue 18). `RemoteStandIn(SmtpSink)` starts the server in a spawned child and forwards method
calls (`notification_ids()`, `delivered()`, `clear()` ...) to it over a pipe; results must pickle.
"""

import multiprocessing

START_TIMEOUT_SECONDS = 30


class RemoteStandIn:
    """`RemoteStandIn(SmtpSink).start()`: `.url` and `.port` as the local class has them, other
    attributes are methods called in the child. `stop()` ends the child."""

    def __init__(self, stand_in_class, **options):
        context = multiprocessing.get_context("spawn")  # no copy of this process's threads or sockets
        self._pipe, child_end = context.Pipe()
        self._process = context.Process(target=_serve, args=(stand_in_class, options, child_end),
                                        name=f"stand-in {stand_in_class.__name__}", daemon=True)
        self.url = self.port = None

    def start(self):
        self._process.start()
        if not self._pipe.poll(START_TIMEOUT_SECONDS):
            self.stop()
            raise RuntimeError("The stand-in process did not start")
        self.port, self.url = self._pipe.recv()
        return self

    def stop(self):
        if self._process.is_alive():
            try:
                self._pipe.send(("stop", ()))
                self._pipe.recv()
            except (BrokenPipeError, EOFError):
                pass
            self._process.join(10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(10)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args):
            self._pipe.send((name, args))
            ok, value = self._pipe.recv()
            if not ok:
                raise RuntimeError(f"{name} failed in the stand-in process: {value}")
            return value

        return call


def _serve(stand_in_class, options, pipe):
    """The child: start the server, answer calls until "stop"."""
    stand_in = stand_in_class(**options).start()
    pipe.send((stand_in.port, stand_in.url))
    while True:
        name, args = pipe.recv()
        if name == "stop":
            stand_in.stop()
            pipe.send((True, None))
            return
        try:
            pipe.send((True, getattr(stand_in, name)(*args)))
        except Exception as error:  # reported to the caller, the server keeps serving
            pipe.send((False, f"{type(error).__name__}: {error}"))
