"""A minimal classic spyne time service (SOAP 1.1, document/literal) for interop tests.

Usage: spyne_time_service.py [TNS] [OPERATION]   (defaults: urn:p2psim:time get_time)
Binds 127.0.0.1 on a free port and prints "PORT <n>" as its first stdout line. Every operation answers the
fixed time "24/12/2025 18:30:05" so the caller can check it got this service's answer.
"""
import logging
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

from spyne import Application, ServiceBase, Unicode, rpc
from spyne.protocol.soap import Soap11
from spyne.server.wsgi import WsgiApplication

FIXED = "24/12/2025 18:30:05"


def build(tns, operation):
    # Spyne names the request, response and result elements after the Python function, as classic services do.
    def answer(ctx):
        return FIXED

    answer.__name__ = operation
    answer.__qualname__ = operation
    service = type("TimeService", (ServiceBase,), {operation: rpc(_returns=Unicode)(answer)})
    return Application([service], tns=tns, in_protocol=Soap11(validator="lxml"), out_protocol=Soap11())


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    logging.basicConfig(level=logging.WARNING)
    tns = sys.argv[1] if len(sys.argv) > 1 else "urn:p2psim:time"
    operation = sys.argv[2] if len(sys.argv) > 2 else "get_time"
    server = make_server("127.0.0.1", 0, WsgiApplication(build(tns, operation)), handler_class=QuietHandler)
    print("PORT", server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
