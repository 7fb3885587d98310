#!/usr/bin/env python3
"""A classic client of the P2P directory protocol, used as an interoperability test peer.

This reimplements what the classic Python command-line clients do (spec
`classic-protocol.md`, sections 1-4) so that P2PSim's server can be checked against
a peer that knows nothing about P2PSim's extensions.  Standard library only, because
the machines that run the interop tests cannot reach PyPI.

What it offers:

* `ClassicClient`: one TCP connection per directory operation (spec section 1/2),
  optional "part 2" timestamp field, auto-detection of the three result-code
  encodings classic servers use.
* `get_file`: the client side of the peer transfer (spec section 3).
* `PeerFileServer`: the peer side of the transfer, serving a share folder from a
  background thread, with a configurable result-code encoding and optional
  `size\\0` prefix so it can imitate any classic peer.
* `ClassicShell`: the `c> ` console of spec section 4.
* A command-line interface (`python3 classic_client.py --help`).
"""

from __future__ import annotations

import argparse
import datetime
import ntpath
import os
import posixpath
import socket
import socketserver
import sys
import tempfile
import threading
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, NamedTuple

DEFAULT_TIMEOUT = 5.0
"""Seconds any socket operation may block; an interop peer must never hang a test run."""

MAX_FIELD = 256
"""Spec section 1: user names, file names and descriptions are at most 256 bytes."""

MAX_REPLY = 16 * 1024 * 1024
"""Cap on a directory reply, so a misbehaving server cannot make us read without bound."""

MAX_SIZE_DIGITS = 20
"""Longest decimal `size` prefix we recognise in a GET_FILE reply (fits any 64-bit size)."""

CHUNK = 64 * 1024

ENCODINGS = ("ascii", "byte", "char")
"""Result-code encodings seen in classic implementations (spec section 1):
ascii = digit + NUL (the default), byte = one raw byte, char = a lone digit."""

TIMESTAMP_FORMAT = "%d/%m/%Y %H:%M:%S"


class ClassicError(Exception):
    """The exchange itself failed: network error, timeout, or a malformed reply.

    Distinct from a non-zero result code, which is a well-formed answer."""


class FieldTooLong(ClassicError):
    """A received field exceeded its limit; the spec demands an error reply, not a crash."""


class UserEntry(NamedTuple):
    """One LIST_USERS entry: a connected user and where its file server listens."""

    name: str
    ip: str
    port: int


class ContentEntry(NamedTuple):
    """One LIST_CONTENT entry; `description` is None when the server sent names only."""

    name: str
    description: str | None


@dataclass(frozen=True)
class Reply:
    """A decoded directory reply: the result code, how it was encoded, and what followed."""

    code: int
    encoding: str
    body: bytes


# --------------------------------------------------------------------------- framing


class _Stream:
    """Buffered reader over a recv-like callable.

    Result-code detection must look one byte past the code (is it a NUL?) without
    losing that byte when it turns out to be data, hence the peek/read split."""

    def __init__(self, recv: Callable[[int], bytes]):
        self._recv = recv
        self._buf = bytearray()
        self._eof = False

    @classmethod
    def from_bytes(cls, data: bytes) -> "_Stream":
        """A stream over an already received reply (directory replies are read whole)."""
        pending = [data]
        return cls(lambda _n: pending.pop() if pending else b"")

    def _fill(self, size: int) -> None:
        while len(self._buf) < size and not self._eof:
            chunk = self._recv(CHUNK)
            if chunk:
                self._buf += chunk
            else:
                self._eof = True

    def peek(self, size: int) -> bytes:
        """Up to `size` bytes without consuming them (fewer only at end of stream)."""
        self._fill(size)
        return bytes(self._buf[:size])

    def read(self, size: int) -> bytes:
        data = self.peek(size)
        del self._buf[: len(data)]
        return data

    def read_field(self, limit: int, terminators: bytes = b"\0") -> bytes:
        """One field without its terminator.

        Reads at most `limit` + 1 bytes before giving up, so an over-long field is
        rejected instead of being buffered without bound."""
        while True:
            end = _first_index_of_any(self._buf, terminators, limit + 1)
            if end is not None:
                field = bytes(self._buf[:end])
                del self._buf[: end + 1]
                return field
            if len(self._buf) > limit:
                raise FieldTooLong(f"field longer than {limit} bytes")
            if self._eof:
                raise ClassicError("connection closed in the middle of a field")
            self._fill(len(self._buf) + 1)

    def read_rest(self) -> bytes:
        """Everything up to the end of the stream."""
        return b"".join(self.chunks())

    def chunks(self) -> Iterator[bytes]:
        """The remaining data as it arrives, so large files need not fit in memory."""
        if self._buf:
            yield bytes(self._buf)
            self._buf.clear()
        while not self._eof:
            chunk = self._recv(CHUNK)
            if chunk:
                yield chunk
            else:
                self._eof = True


def _first_index_of_any(buf: bytearray, needles: bytes, within: int) -> int | None:
    """Index of the first byte of `needles` among the first `within` bytes of `buf`."""
    hits = [i for i in (buf.find(bytes([n]), 0, within) for n in needles) if i >= 0]
    return min(hits) if hits else None


def encode_field(value: str | bytes | int) -> bytes:
    """A field on the wire: its bytes then one NUL; numbers as decimal ASCII."""
    raw = value if isinstance(value, bytes) else str(value).encode("utf-8")
    if b"\0" in raw:
        raise ValueError("a field cannot contain NUL: it is the terminator")
    return raw + b"\0"


def local_timestamp() -> str:
    """The `DD/MM/YYYY HH:MM:SS` string a part-2 client sends.

    Classic clients ask the SOAP time service; when it is down they stamp locally
    (spec section 6), which is all a test peer needs."""
    return datetime.datetime.now().strftime(TIMESTAMP_FORMAT)


def build_request(op: str, fields: Iterable[str | bytes | int], timestamp: str | None = None) -> bytes:
    """`OP\\0[dt\\0]field\\0...`, the timestamp (if any) right after the op name."""
    parts = [encode_field(op)]
    if timestamp is not None:
        parts.append(encode_field(timestamp))
    parts.extend(encode_field(f) for f in fields)
    return b"".join(parts)


def encode_result_code(code: int, encoding: str = "ascii") -> bytes:
    """The result code as a classic implementation with that encoding would send it."""
    if encoding == "ascii":
        return f"{code}\0".encode("ascii")
    if encoding == "char":
        return str(code).encode("ascii")
    if encoding == "byte":
        return bytes([code & 0xFF])
    raise ValueError(f"unknown result-code encoding {encoding!r}")


def read_result_code(stream: _Stream) -> tuple[int, str]:
    """Decode a result code in any of the three classic encodings; return (code, encoding).

    A raw byte is 0..4 (or 0xFF for -1), never an ASCII digit, so the first byte tells
    raw from ASCII.  An ASCII code is one digit (or `-1` for an unknown op); whether a
    NUL follows tells digit+NUL from a lone digit.  The only case this cannot settle is
    a lone-digit peer whose file content starts with NUL: it is read as digit+NUL, the
    default encoding."""
    first = stream.peek(1)
    if not first:
        raise ClassicError("connection closed before the result code")
    byte = first[0]
    if byte == ord("-"):
        stream.read(1)
        digits = b""
        while stream.peek(1).isdigit():
            digits += stream.read(1)
        if not digits:
            raise ClassicError("malformed negative result code")
        return -int(digits), _consume_optional_nul(stream)
    if ord("0") <= byte <= ord("9"):
        stream.read(1)
        return byte - ord("0"), _consume_optional_nul(stream)
    stream.read(1)
    return (byte if byte < 0x80 else byte - 0x100), "byte"


def _consume_optional_nul(stream: _Stream) -> str:
    if stream.peek(1) == b"\0":
        stream.read(1)
        return "ascii"
    return "char"


def _decode_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ClassicError(f"field is not UTF-8: {raw!r}") from exc


def _split_list_body(body: bytes) -> tuple[int, list[str]]:
    """`count\\0` then NUL-terminated fields -> (count, fields)."""
    stream = _Stream.from_bytes(body)
    count_raw = stream.read_field(MAX_SIZE_DIGITS)
    if not count_raw.isdigit():
        raise ClassicError(f"list count is not a decimal number: {count_raw!r}")
    rest = stream.read_rest()
    if not rest:
        return int(count_raw), []
    if not rest.endswith(b"\0"):
        raise ClassicError("last field of the list is not NUL-terminated")
    return int(count_raw), [_decode_text(f) for f in rest[:-1].split(b"\0")]


def parse_user_list(body: bytes) -> list[UserEntry]:
    """LIST_USERS body: `count\\0` then `name\\0 ip\\0 port\\0` per connected user."""
    count, fields = _split_list_body(body)
    if len(fields) != 3 * count:
        raise ClassicError(f"LIST_USERS announced {count} users but sent {len(fields)} fields")
    users = []
    for i in range(0, len(fields), 3):
        name, ip, port = fields[i : i + 3]
        if not port.isdigit():
            raise ClassicError(f"port of {name!r} is not a decimal number: {port!r}")
        users.append(UserEntry(name, ip, int(port)))
    return users


def parse_content_list(body: bytes) -> list[ContentEntry]:
    """LIST_CONTENT body: `count\\0` then `file\\0 description\\0` per file.

    Some classic servers send names only; the field count tells which it is."""
    count, fields = _split_list_body(body)
    if len(fields) == 2 * count:
        return [ContentEntry(fields[i], fields[i + 1]) for i in range(0, len(fields), 2)]
    if len(fields) == count:
        return [ContentEntry(name, None) for name in fields]
    raise ClassicError(f"LIST_CONTENT announced {count} files but sent {len(fields)} fields")


def _recv_until_close(sock: socket.socket, cap: int = MAX_REPLY) -> bytes:
    """Everything the server sends before closing.

    A server that rejects an over-long field may close with our request bytes still
    unread, which makes its kernel send RST; the reply that came before it is valid."""
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = sock.recv(CHUNK)
        except ConnectionResetError:
            if total:
                break
            raise
        except TimeoutError as exc:
            raise ClassicError(f"server did not close the connection (got {total} bytes)") from exc
        if not chunk:
            break
        total += len(chunk)
        if total > cap:
            raise ClassicError(f"reply larger than {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


# --------------------------------------------------------------------------- directory client


class ClassicClient:
    """Directory operations as a classic client performs them (spec section 2).

    Every call opens its own connection, as classic clients do, so each one also tests
    that the server closes after replying.  `last_encoding` and `last_local_ip` record
    the most recent exchange for tests that want to check them."""

    def __init__(
        self,
        host: str,
        port: int,
        timestamps: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        clock: Callable[[], str] = local_timestamp,
    ):
        self.host = host
        self.port = port
        self.timestamps = timestamps
        self.timeout = timeout
        self.clock = clock
        self.last_encoding: str | None = None
        self.last_local_ip: str | None = None

    # -- generic exchange

    def request(self, op: str, *fields: str | bytes | int) -> Reply:
        """Send one operation (with a timestamp in timestamp mode) and decode the reply."""
        timestamp = self.clock() if self.timestamps else None
        return self.exchange(build_request(op, fields, timestamp))

    def exchange(self, payload: bytes) -> Reply:
        """Send raw request bytes on a fresh connection; read and decode the reply.

        Exposed so tests can send what a well-behaved client never would (unknown ops,
        `\\n` terminators)."""
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as sock:
                sock.settimeout(self.timeout)
                self.last_local_ip = sock.getsockname()[0]
                try:
                    sock.sendall(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the server may reply and close before reading it all
                data = _recv_until_close(sock)
        except OSError as exc:
            raise ClassicError(f"{self.host}:{self.port}: {exc}") from exc
        stream = _Stream.from_bytes(data)
        code, encoding = read_result_code(stream)
        self.last_encoding = encoding
        return Reply(code, encoding, stream.read_rest())

    # -- the operations of spec section 2

    def register(self, user: str) -> int:
        return self.request("REGISTER", user).code

    def unregister(self, user: str) -> int:
        return self.request("UNREGISTER", user).code

    def connect(self, user: str, listen_port: int | str) -> int:
        """CONNECT carries only the port; the server takes our IP from the connection."""
        return self.request("CONNECT", user, listen_port).code

    def disconnect(self, user: str) -> int:
        return self.request("DISCONNECT", user).code

    def publish(self, me: str, file_name: str, description: str) -> int:
        return self.request("PUBLISH", me, file_name, description).code

    def delete(self, me: str, file_name: str) -> int:
        return self.request("DELETE", me, file_name).code

    def list_users(self, me: str) -> tuple[int, list[UserEntry]]:
        reply = self.request("LIST_USERS", me)
        return reply.code, parse_user_list(reply.body) if reply.code == 0 else []

    def list_content(self, me: str, remote: str) -> tuple[int, list[ContentEntry]]:
        reply = self.request("LIST_CONTENT", me, remote)
        return reply.code, parse_content_list(reply.body) if reply.code == 0 else []


# --------------------------------------------------------------------------- directory variants


TIMESTAMP_SHAPES = {
    "dmy": TIMESTAMP_FORMAT,
    "dmy-dash": "%d-%m-%Y %H:%M:%S",
    "ymd": "%Y/%m/%d %H:%M:%S",
    "ymd-dash": "%Y-%m-%d %H:%M:%S",
    "time-dmy": "%H:%M:%S %d/%m/%Y",
    "time-dmy-dash": "%H:%M:%S %d-%m-%Y",
    "time-ymd": "%H:%M:%S %Y/%m/%d",
    "time-ymd-dash": "%H:%M:%S %Y-%m-%d",
}
"""Timestamp shapes classic time services return (spec, variants): most `DD/MM/YYYY HH:MM:SS`,
at least one `YYYY/MM/DD HH:MM:SS`; the others are the same parts with `-` or in time-date order."""

CONTENT_SHAPES = ("auto", "described", "names")
"""How a client reads LIST_CONTENT: auto tells the two shapes apart by the field count; a client
written for one shape (described = name + description, names = names only) reads only that."""


def shaped_clock(shape: str) -> Callable[[], str]:
    """A clock answering in one of TIMESTAMP_SHAPES, as a client whose time service does."""
    fmt = TIMESTAMP_SHAPES[shape]
    return lambda: datetime.datetime.now().strftime(fmt)


def parse_content_names(body: bytes) -> list[ContentEntry]:
    """LIST_CONTENT as a client written for names-only servers reads it: `count\\0` then `file\\0`."""
    count, fields = _split_list_body(body)
    if len(fields) != count:
        raise ClassicError(f"LIST_CONTENT announced {count} names but sent {len(fields)} fields")
    return [ContentEntry(name, None) for name in fields]


def parse_content_pairs(body: bytes) -> list[ContentEntry]:
    """LIST_CONTENT as a client written for described lists reads it: `file\\0 description\\0` each."""
    count, fields = _split_list_body(body)
    if len(fields) != 2 * count:
        raise ClassicError(f"LIST_CONTENT announced {count} files but sent {len(fields)} fields, not pairs")
    return [ContentEntry(fields[i], fields[i + 1]) for i in range(0, len(fields), 2)]


class VariantClient(ClassicClient):
    """A classic client with the directory variants some classic implementations have.

    `connect_ip`: send `CONNECT user ip port` with this IP (at least one client does);
    `content_shape`: read LIST_CONTENT as a client written for that shape would.
    The timestamp shape is the `clock` (see `shaped_clock`)."""

    def __init__(self, *args, connect_ip: str | None = None, content_shape: str = "auto", **kwargs):
        super().__init__(*args, **kwargs)
        if content_shape not in CONTENT_SHAPES:
            raise ValueError(f"unknown LIST_CONTENT shape {content_shape!r}")
        self.connect_ip = connect_ip
        self.content_shape = content_shape

    def connect(self, user: str, listen_port: int | str) -> int:
        if self.connect_ip is None:
            return super().connect(user, listen_port)
        return self.request("CONNECT", user, self.connect_ip, listen_port).code

    def list_content(self, me: str, remote: str) -> tuple[int, list[ContentEntry]]:
        if self.content_shape == "auto":
            return super().list_content(me, remote)
        reply = self.request("LIST_CONTENT", me, remote)
        parse = parse_content_names if self.content_shape == "names" else parse_content_pairs
        return reply.code, parse(reply.body) if reply.code == 0 else []


def _add_variant_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("classic variants")
    group.add_argument("--timestamp-shape", choices=sorted(TIMESTAMP_SHAPES),
                       help="send the timestamp in this shape (implies --timestamps)")
    group.add_argument("--connect-ip", metavar="IP", help="send CONNECT user IP port, announcing this IP")
    group.add_argument("--content-shape", choices=CONTENT_SHAPES, default="auto",
                       help="read LIST_CONTENT as a client written for that shape (default: auto-detect)")


def _variant_client(args: argparse.Namespace) -> VariantClient:
    clock = shaped_clock(args.timestamp_shape) if args.timestamp_shape else local_timestamp
    return VariantClient(args.host, args.port, args.timestamps or args.timestamp_shape is not None, args.timeout,
                         clock, connect_ip=args.connect_ip, content_shape=args.content_shape)


# --------------------------------------------------------------------------- peer transfer


def get_file(ip: str, port: int, remote_name: str, local_path: str, timeout: float = DEFAULT_TIMEOUT) -> int:
    """Download `remote_name` from a classic peer into `local_path`; return the peer's code.

    The content is written to a temporary file next to `local_path` and renamed only
    when complete, so a failed or interrupted download leaves nothing behind (spec
    section 3) and never clobbers an existing file.  Raises ClassicError when the
    transfer itself fails."""
    try:
        with socket.create_connection((ip, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(build_request("GET_FILE", [remote_name]))
            stream = _Stream(sock.recv)
            code, _encoding = read_result_code(stream)
            if code == 0:
                _receive_content(stream, local_path)
            return code
    except OSError as exc:
        raise ClassicError(f"GET_FILE from {ip}:{port}: {exc}") from exc


def _receive_content(stream: _Stream, local_path: str) -> None:
    """Stream the content to a temp file, drop a `size\\0` prefix if there is one, rename."""
    target = os.path.abspath(local_path)
    fd, temp_path = tempfile.mkstemp(
        prefix="." + os.path.basename(target) + ".", suffix=".part", dir=os.path.dirname(target)
    )
    try:
        with os.fdopen(fd, "wb") as out:
            head = stream.peek(MAX_SIZE_DIGITS + 1)
            received = 0
            for chunk in stream.chunks():
                out.write(chunk)
                received += len(chunk)
        prefix = _size_prefix(head)
        if prefix is not None:
            size, header_len = prefix
            if received - header_len == size:
                _drop_leading_bytes(temp_path, header_len)
            elif received - header_len < size:
                raise ClassicError(f"transfer incomplete: {received - header_len} of {size} bytes")
            # more data than announced: the "prefix" was just content that looks like one
        os.replace(temp_path, target)
    except BaseException:
        _remove_quietly(temp_path)
        raise


def _size_prefix(head: bytes) -> tuple[int, int] | None:
    """(size, header length) if the content starts like `123\\0`, else None.

    The prefix is optional and unannounced, so this is a guess that the caller confirms
    by comparing the size with what actually arrived."""
    end = head.find(b"\0")
    if end <= 0 or not head[:end].isdigit():
        return None
    return int(head[:end]), end + 1


def _drop_leading_bytes(path: str, count: int) -> None:
    """Shift a file's content left by `count` bytes in place."""
    with open(path, "r+b") as f:
        read_pos, write_pos = count, 0
        while True:
            f.seek(read_pos)
            chunk = f.read(CHUNK)
            if not chunk:
                break
            f.seek(write_pos)
            f.write(chunk)
            read_pos += len(chunk)
            write_pos += len(chunk)
        f.truncate(write_pos)


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def is_safe_name(name: str) -> bool:
    """Whether a requested file name stays inside the share folder (spec section 3).

    Both POSIX and Windows path syntax are refused, whatever OS we run on, because the
    name comes from another machine."""
    if not name or name == ".":
        return False
    if any(bad in name for bad in ("/", "\\", "..", "\0")):
        return False
    return not (posixpath.isabs(name) or ntpath.isabs(name) or ntpath.splitdrive(name)[0])


class PeerFileServer:
    """The peer side of GET_FILE: serves one folder from a background thread.

    Listens on port 0 by default so several test peers can run side by side; `port`
    tells what to send in CONNECT.  `encoding` and `size_prefix` imitate the classic
    peer variants, which lets the client's auto-detection be tested against it."""

    def __init__(
        self,
        folder: str,
        host: str = "127.0.0.1",
        port: int = 0,
        encoding: str = "ascii",
        size_prefix: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ):
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown result-code encoding {encoding!r}")
        self.folder = os.path.abspath(folder)
        self.encoding = encoding
        self.size_prefix = size_prefix
        self.timeout = timeout
        self._server = _make_tcp_server((host, port), self)
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return self._server.server_address[0]

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def start(self) -> "PeerFileServer":
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
            name=f"classic-peer-{self.port}",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(self.timeout)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> "PeerFileServer":
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def serve_connection(self, sock: socket.socket) -> None:
        """Answer one GET_FILE request, the way a classic peer does, then close."""
        sock.settimeout(self.timeout)
        stream = _Stream(sock.recv)
        try:
            op = stream.read_field(MAX_FIELD, b"\0\n")
            if op != b"GET_FILE":
                return self._reply(sock, 2)
            raw_name = stream.read_field(MAX_FIELD, b"\0\n")
        except FieldTooLong:
            return self._reply(sock, 2)
        except ClassicError:
            return  # the client went away mid-request: nobody to answer
        self._send_file(sock, raw_name)

    def _send_file(self, sock: socket.socket, raw_name: bytes) -> None:
        try:
            name = raw_name.decode("utf-8")
        except UnicodeDecodeError:
            return self._reply(sock, 2)
        if not is_safe_name(name):
            return self._reply(sock, 2)
        path = os.path.join(self.folder, name)
        try:
            f = open(path, "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return self._reply(sock, 1)
        except OSError:
            return self._reply(sock, 2)
        with f:
            header = encode_result_code(0, self.encoding)
            if self.size_prefix:
                header += encode_field(os.fstat(f.fileno()).st_size)
            sock.sendall(header)
            while chunk := f.read(CHUNK):
                sock.sendall(chunk)
        sock.shutdown(socket.SHUT_WR)

    def _reply(self, sock: socket.socket, code: int) -> None:
        sock.sendall(encode_result_code(code, self.encoding))


def _make_tcp_server(address: tuple[str, int], peer: PeerFileServer) -> socketserver.ThreadingTCPServer:
    """A thread-per-connection TCP server that hands each connection to `peer`."""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            try:
                peer.serve_connection(self.request)
            except OSError:
                pass  # client vanished or timed out; a one-shot transfer has nothing to retry

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True
        address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET

    return Server(address, Handler)


def local_ip_towards(host: str, port: int) -> str:
    """The local address the directory server will see us connect from.

    A connected UDP socket asks the routing table without sending anything, so the
    server does not receive a stray connection."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        probe.connect((host, port))
        return probe.getsockname()[0]


# --------------------------------------------------------------------------- console (spec section 4)

MESSAGES: dict[str, tuple[tuple[str, ...], str]] = {
    # op: (message per result code 0.., message for any other code or a network error)
    "REGISTER": (("REGISTER OK", "USERNAME IN USE", "REGISTER FAIL"), "REGISTER FAIL"),
    "UNREGISTER": (("UNREGISTER OK", "USER DOES NOT EXIST", "UNREGISTER FAIL"), "UNREGISTER FAIL"),
    "CONNECT": (
        ("CONNECT OK", "CONNECT FAIL, USER DOES NOT EXIST", "USER ALREADY CONNECTED", "CONNECT FAIL"),
        "CONNECT FAIL",
    ),
    "PUBLISH": (
        ("PUBLISH OK", "PUBLISH FAIL, USER DOES NOT EXIST", "PUBLISH FAIL, USER NOT CONNECTED",
         "PUBLISH FAIL, CONTENT ALREADY PUBLISHED"),
        "PUBLISH FAIL",
    ),
    "DELETE": (
        ("DELETE OK", "DELETE FAIL, USER DOES NOT EXIST", "DELETE FAIL, USER NOT CONNECTED",
         "DELETE FAIL, CONTENT NOT PUBLISHED"),
        "DELETE FAIL",
    ),
    "LIST_USERS": (
        ("LIST_USERS OK", "LIST_USERS FAIL, USER DOES NOT EXIST", "LIST_USERS FAIL, USER NOT CONNECTED",
         "LIST_USERS FAIL"),
        "LIST_USERS FAIL",
    ),
    "LIST_CONTENT": (
        ("LIST_CONTENT OK", "LIST_CONTENT FAIL, USER DOES NOT EXIST", "LIST_CONTENT FAIL, USER NOT CONNECTED",
         "LIST_CONTENT FAIL, REMOTE USER DOES NOT EXIST"),
        "LIST_CONTENT FAIL",
    ),
    "DISCONNECT": (
        ("DISCONNECT OK", "DISCONNECT FAIL / USER DOES NOT EXIST", "DISCONNECT FAIL / USER NOT CONNECTED",
         "DISCONNECT FAIL"),
        "DISCONNECT FAIL",
    ),
    "GET_FILE": (("GET_FILE OK", "GET_FILE FAIL / FILE NOT EXIST", "GET_FILE FAIL"), "GET_FILE FAIL"),
}

USAGE = {
    "REGISTER": "REGISTER <userName>",
    "UNREGISTER": "UNREGISTER <userName>",
    "CONNECT": "CONNECT <userName>",
    "DISCONNECT": "DISCONNECT <userName>",
    "PUBLISH": "PUBLISH <fileName> <description>",
    "DELETE": "DELETE <fileName>",
    "LIST_USERS": "LIST_USERS",
    "LIST_CONTENT": "LIST_CONTENT <userName>",
    "GET_FILE": "GET_FILE <userName> <remoteFileName> <localFileName>",
    "QUIT": "QUIT",
}

NOT_CONNECTED = 2
"""Result code meaning "user not connected" for PUBLISH, DELETE and both LISTs."""


def message_for(op: str, code: int | None) -> str:
    """The console message for a result code; None stands for a network error."""
    by_code, fallback = MESSAGES[op]
    return by_code[code] if code is not None and 0 <= code < len(by_code) else fallback


class ClassicShell:
    """The `c> ` console of a classic client: one connected user per shell.

    While a user is connected the shell runs a `PeerFileServer` over `share_dir` so
    other peers can download from it, exactly what CONNECT advertises."""

    PROMPT = "c> "

    def __init__(self, client: ClassicClient, share_dir: str, bind_host: str | None = None,
                 out: Callable[[str], None] = lambda line: print(line, flush=True)):
        self.client = client
        self.share_dir = share_dir
        self.bind_host = bind_host
        self.out = out
        self.user: str | None = None
        self.file_server: PeerFileServer | None = None

    def run(self, read_line: Callable[[str], str] = input) -> None:
        """Read commands until QUIT or end of input (which behaves like QUIT)."""
        while True:
            try:
                line = read_line(self.PROMPT)
            except EOFError:
                line = "QUIT"
            if not self.execute(line):
                return

    def execute(self, line: str) -> bool:
        """Run one console line; False once the shell should exit."""
        words = line.split()
        if not words:
            return True
        command = words[0].upper()
        if command not in USAGE:
            self.out(f"Error: command {words[0]} not valid.")
            return True
        args = line.strip().split(None, 2) if command == "PUBLISH" else words
        if not self._arity_ok(command, args[1:]):
            self.out(f"Syntax error. Usage: {USAGE[command]}")
            return True
        if command == "QUIT":
            self._quit()
            return False
        getattr(self, "_do_" + command.lower())(*args[1:])
        return True

    @staticmethod
    def _arity_ok(command: str, args: list[str]) -> bool:
        return len(args) == USAGE[command].count("<")

    def _call(self, op: str, action: Callable[[], int]) -> int | None:
        """Run one directory call and print its message; None means a network error."""
        try:
            code = action()
        except ClassicError:
            code = None
        self.out(message_for(op, code))
        return code

    def _do_register(self, user: str) -> None:
        self._call("REGISTER", lambda: self.client.register(user))

    def _do_unregister(self, user: str) -> None:
        self._call("UNREGISTER", lambda: self.client.unregister(user))

    def _do_connect(self, user: str) -> None:
        if self.user is not None and self.user != user:
            self.out(message_for("CONNECT", None))  # one connected user per shell
            return
        if self.file_server is None:
            host = self.bind_host or local_ip_towards(self.client.host, self.client.port)
            self.file_server = PeerFileServer(self.share_dir, host=host).start()
        code = self._call("CONNECT", lambda: self.client.connect(user, self.file_server.port))
        if code == 0:
            self.user = user
        elif self.user is None:
            self._stop_file_server()

    def _do_disconnect(self, user: str) -> None:
        code = self._call("DISCONNECT", lambda: self.client.disconnect(user))
        if user == self.user and code in (0, 1, 2):
            self.user = None  # the server no longer counts us as connected
            self._stop_file_server()

    def _do_publish(self, file_name: str, description: str) -> None:
        self._as_connected("PUBLISH", lambda me: self.client.publish(me, file_name, description))

    def _do_delete(self, file_name: str) -> None:
        self._as_connected("DELETE", lambda me: self.client.delete(me, file_name))

    def _do_list_users(self) -> None:
        result = self._as_connected("LIST_USERS", lambda me: self.client.list_users(me))
        for entry in result or []:
            self.out(f"{entry.name} {entry.ip} {entry.port}")

    def _do_list_content(self, remote: str) -> None:
        result = self._as_connected("LIST_CONTENT", lambda me: self.client.list_content(me, remote))
        for entry in result or []:
            self.out(entry.name if entry.description is None else f'{entry.name} "{entry.description}"')

    def _as_connected(self, op: str, action: Callable[[str], int | tuple[int, list]]) -> list | None:
        """Run an operation as the connected user; return the list part of list replies."""
        if self.user is None:
            self.out(message_for(op, NOT_CONNECTED))
            return None
        try:
            result = action(self.user)
        except ClassicError:
            self.out(message_for(op, None))
            return None
        code, entries = result if isinstance(result, tuple) else (result, None)
        self.out(message_for(op, code))
        return entries if code == 0 else None

    def _do_get_file(self, user: str, remote_name: str, local_path: str) -> None:
        """Find the peer with LIST_USERS, then download from it directly."""
        code = None
        try:
            if self.user is not None:
                list_code, users = self.client.list_users(self.user)
                peer = next((u for u in users if u.name == user), None) if list_code == 0 else None
                if peer is not None:
                    code = get_file(peer.ip, peer.port, remote_name, local_path, self.client.timeout)
        except ClassicError:
            code = None
        self.out(message_for("GET_FILE", code))

    def _quit(self) -> None:
        if self.user is not None:
            self._do_disconnect(self.user)
        self._stop_file_server()
        self.out("+++ FINISHED +++")

    def _stop_file_server(self) -> None:
        if self.file_server is not None:
            self.file_server.stop()
            self.file_server = None


# --------------------------------------------------------------------------- command line


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Classic P2P directory client (interop test peer).")
    parser.add_argument("--host", default="127.0.0.1", help="directory server address")
    parser.add_argument("--port", type=int, help="directory server port")
    parser.add_argument("--timestamps", action="store_true",
                        help="send a DD/MM/YYYY HH:MM:SS field after the op name (part-2 clients)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="socket timeout in seconds")
    _add_variant_arguments(parser)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, args in (
        ("register", ["user"]), ("unregister", ["user"]), ("connect", ["user", "listen_port"]),
        ("disconnect", ["user"]), ("publish", ["me", "file", "description"]), ("delete", ["me", "file"]),
        ("list_users", ["me"]), ("list_content", ["me", "remote"]),
    ):
        command = sub.add_parser(name, help=f"{name.upper()} (needs --port)")
        for arg in args:
            command.add_argument(arg)
    get = sub.add_parser("get_file", help="GET_FILE directly from a peer")
    for arg in ("ip", "peer_port", "remote", "local"):
        get.add_argument(arg)
    serve = sub.add_parser("serve", help="run a classic peer file server until interrupted")
    serve.add_argument("folder")
    serve.add_argument("--bind", default="127.0.0.1")
    serve.add_argument("--listen-port", type=int, default=0)
    serve.add_argument("--encoding", choices=ENCODINGS, default="ascii")
    serve.add_argument("--size-prefix", action="store_true", help="send size\\0 before the content")
    shell = sub.add_parser("shell", help="the classic c> console (needs --port)")
    shell.add_argument("--share", default=".", help="folder served to other peers while connected")
    shell.add_argument("--bind", help="address of the file server (default: the route to the server)")
    return parser


def _run_directory_command(client: ClassicClient, args: argparse.Namespace) -> int:
    op = args.command.upper()
    calls: dict[str, Callable[[], object]] = {
        "REGISTER": lambda: client.register(args.user),
        "UNREGISTER": lambda: client.unregister(args.user),
        "CONNECT": lambda: client.connect(args.user, args.listen_port),
        "DISCONNECT": lambda: client.disconnect(args.user),
        "PUBLISH": lambda: client.publish(args.me, args.file, args.description),
        "DELETE": lambda: client.delete(args.me, args.file),
        "LIST_USERS": lambda: client.list_users(args.me),
        "LIST_CONTENT": lambda: client.list_content(args.me, args.remote),
    }
    try:
        result = calls[op]()
    except ClassicError as exc:
        print(f"{message_for(op, None)} ({exc})")
        return 1
    code, entries = result if isinstance(result, tuple) else (result, [])
    print(message_for(op, code))
    for entry in entries:
        if isinstance(entry, UserEntry):
            print(f"{entry.name} {entry.ip} {entry.port}")
        else:
            print(entry.name if entry.description is None else f'{entry.name} "{entry.description}"')
    print(f"result code {code} ({client.last_encoding})", file=sys.stderr)
    return 0 if code == 0 else 1


def _run_get_file(args: argparse.Namespace) -> int:
    try:
        code = get_file(args.ip, int(args.peer_port), args.remote, args.local, args.timeout)
    except ClassicError as exc:
        print(f"{message_for('GET_FILE', None)} ({exc})")
        return 1
    print(message_for("GET_FILE", code))
    return 0 if code == 0 else 1


def _run_serve(args: argparse.Namespace) -> int:
    server = PeerFileServer(args.folder, args.bind, args.listen_port, args.encoding, args.size_prefix, args.timeout)
    with server:
        print(f"serving {server.folder} on {server.host}:{server.port}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    if args.command == "get_file":
        return _run_get_file(args)
    if args.command == "serve":
        return _run_serve(args)
    if args.port is None:
        print(f"{args.command} needs --port (the directory server's port)", file=sys.stderr)
        return 2
    client = _variant_client(args)
    if args.command == "shell":
        ClassicShell(client, args.share, args.bind).run()
        return 0
    return _run_directory_command(client, args)


if __name__ == "__main__":
    sys.exit(main())
