#!/usr/bin/env python3
"""Scripted classic counterparts for P2PSim's peer-side compatibility tests.

One process runs, on 127.0.0.1:

* a classic directory server (spec `classic-protocol.md` section 2) that knows only the
  classic operations: REGISTER, UNREGISTER, CONNECT, DISCONNECT, PUBLISH, DELETE,
  LIST_USERS, LIST_CONTENT, each with or without the part-2 timestamp field.  Any other
  operation (FIND_SOURCES, SEARCH, ...) gets `-1\\0` or, with `--unknown reset`, a
  dropped connection: what classic C servers do.
* optionally, one scripted classic peer per GET_FILE reply shape (`--shapes`), each
  already registered, connected and publishing `--file`.  A peer answers GET_FILE with
  exactly the bytes of its shape and closes; anything else (GET_MANIFEST) gets `2\\0`.

Every request is printed on stdout as
    s> OPERATION <op> FROM <user> STAMP <timestamp or ->
so a test can see on the wire whether the client sent a timestamp.  The first line is
    ready <port>
with the directory's port.  Standard library only; every socket wait is bounded.
Kept apart from classic_client.py (the classic client) on purpose.
"""

from __future__ import annotations

import argparse
import re
import socket
import socketserver
import struct
import sys
import threading

TIMEOUT = 5.0
MAX_FIELD = 256
STAMP = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$")
SHAPES = ("raw", "sized", "sized-nul", "short", "long", "larger")


def shape_bytes(shape: str, content: bytes) -> bytes:
    """The whole GET_FILE reply for `shape` (spec, "Variants"; the last three are broken)."""
    size = str(len(content)).encode("ascii") + b"\0"
    return {
        "raw": b"0\0" + content,
        "sized": b"0\0" + size + content,
        "sized-nul": b"0\0" + size + content + b"\0",
        "short": b"0\0" + str(len(content) + 1).encode("ascii") + b"\0" + content,
        "long": b"0\0" + size + content + b"xy",
        "larger": b"0\0" + str(len(content) * 10 + 1000000).encode("ascii") + b"\0" + content,
    }[shape]


class Fields:
    """Reads `\\0`- (or `\\n`-) terminated fields from a socket, each at most MAX_FIELD bytes."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self._buffer = b""

    def read(self) -> str | None:
        while True:
            for i, b in enumerate(self._buffer):
                if b in (0, 10):
                    field, self._buffer = self._buffer[:i], self._buffer[i + 1:]
                    return field.decode("utf-8", "replace")
            if len(self._buffer) > MAX_FIELD:
                return None
            chunk = self._sock.recv(4096)
            if not chunk:
                return None
            self._buffer += chunk


class Directory:
    """The classic registry: users, who is connected where, and what each publishes."""

    def __init__(self, unknown: str):
        self.unknown = unknown
        self.lock = threading.Lock()
        self.users: dict[str, dict] = {}

    def add_peer(self, name: str, port: int, file_name: str) -> None:
        self.users[name] = {"at": ("127.0.0.1", port), "files": {file_name: "a classic file"}}

    def handle(self, sock: socket.socket, client_ip: str) -> None:
        fields = Fields(sock)
        op = fields.read()
        if op is None:
            return
        argc = {"REGISTER": 1, "UNREGISTER": 1, "CONNECT": 2, "DISCONNECT": 1, "PUBLISH": 3,
                "DELETE": 2, "LIST_USERS": 1, "LIST_CONTENT": 2}.get(op)
        if argc is None:
            print(f"s> OPERATION {op} FROM ? STAMP ? unknown", flush=True)
            if self.unknown == "reset":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = RST
            else:
                sock.sendall(b"-1\0")
            return
        first = fields.read()
        stamp = None
        if first is not None and STAMP.match(first):
            stamp, first = first, fields.read()
        args = [first] + [fields.read() for _ in range(argc - 1)]
        if any(a is None for a in args):
            sock.sendall(b"2\0")
            return
        print(f"s> OPERATION {op} FROM {args[0]} STAMP {stamp or '-'}", flush=True)
        with self.lock:
            sock.sendall(self.answer(op, args, client_ip))

    def answer(self, op: str, args: list, client_ip: str) -> bytes:
        users = self.users
        user = args[0]
        if op == "REGISTER":
            if user in users:
                return b"1\0"
            users[user] = {"at": None, "files": {}}
            return b"0\0"
        if user not in users:
            return b"1\0"
        me = users[user]
        if op == "UNREGISTER":
            del users[user]
            return b"0\0"
        if op == "CONNECT":
            if me["at"] is not None:
                return b"2\0"
            me["at"] = (client_ip, int(args[1]))
            return b"0\0"
        if me["at"] is None:
            return b"2\0"
        if op == "DISCONNECT":
            me["at"] = None
            return b"0\0"
        if op == "PUBLISH":
            if args[1] in me["files"]:
                return b"3\0"
            me["files"][args[1]] = args[2]
            return b"0\0"
        if op == "DELETE":
            if me["files"].pop(args[1], None) is None:
                return b"3\0"
            return b"0\0"
        if op == "LIST_USERS":
            connected = [(n, u["at"]) for n, u in users.items() if u["at"] is not None]
            out = [b"0", str(len(connected)).encode()]
            for name, (ip, port) in connected:
                out += [name.encode(), ip.encode(), str(port).encode()]
            return b"\0".join(out) + b"\0"
        remote = users.get(args[1])
        if remote is None:
            return b"3\0"
        out = [b"0", str(len(remote["files"])).encode()]
        for name, description in remote["files"].items():
            out += [name.encode(), description.encode()]
        return b"\0".join(out) + b"\0"


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(port: int, handle) -> _Server:
    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            self.request.settimeout(TIMEOUT)
            try:
                handle(self.request, self.client_address[0])
            except OSError:
                pass

    server = _Server(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return server


def peer(reply: bytes):
    def handle(sock: socket.socket, _ip: str) -> None:
        fields = Fields(sock)
        op = fields.read()
        name = fields.read()
        if op == "GET_FILE" and name is not None:
            sock.sendall(reply)
        else:
            sock.sendall(b"2\0")
    return handle


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="directory port (0: a free one)")
    parser.add_argument("--unknown", choices=("minus1", "reset"), default="minus1",
                        help="answer to an operation the classic server does not know")
    parser.add_argument("--shapes", default="", help=f"comma-separated peers to start, in LIST_USERS order: {', '.join(SHAPES)}")
    parser.add_argument("--file", default="f.bin", help="the name every scripted peer publishes")
    parser.add_argument("--content", help="path of the content the scripted peers serve")
    args = parser.parse_args(argv)

    directory = Directory(args.unknown)
    content = open(args.content, "rb").read() if args.content else b""
    servers = []
    for shape in [s for s in args.shapes.split(",") if s]:
        if shape not in SHAPES:
            parser.error(f"unknown shape {shape!r}")
        server = serve(0, peer(shape_bytes(shape, content)))
        servers.append(server)
        directory.add_peer(shape, server.server_address[1], args.file)
    main_server = serve(args.port, directory.handle)
    print(f"ready {main_server.server_address[1]}", flush=True)
    try:
        # Until the test closes stdin or kills the process; bounded by the test's own timeout.
        sys.stdin.read()
    except KeyboardInterrupt:
        pass
    for server in servers + [main_server]:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
