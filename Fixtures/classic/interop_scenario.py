#!/usr/bin/env python3
"""Interop scenario: a classic client drives a running directory server through every
result code of the classic protocol (spec `classic-protocol.md`, section 2), then two
classic peers transfer files through what the server tells them (section 3).

Usage:
    python3 interop_scenario.py --host 127.0.0.1 --port N [--timestamps] [--encoding ascii|byte|char]
        [--timestamp-shape SHAPE] [--connect-ip] [--list-content described|names]

One line per check (`ok   ...` / `FAIL ...`), then `interop: N checks, M failed`; the
exit status is 0 only if every check passed.  User and file names carry a random
suffix so reruns against the same server never collide.  `--encoding` does not change
how replies are read (the client always auto-detects); it only adds a check that the
server really uses the encoding it was configured with.

The variant options play a classic client with one of the variants the spec's last section lists:
`--timestamp-shape` sends the timestamp in another shape (`ymd` = YYYY/MM/DD HH:MM:SS, ...),
`--connect-ip` sends `CONNECT user ip port` with the client's own IP (and adds the checks of what
the server does with an announced IP), `--list-content` says how the server was configured to
answer LIST_CONTENT, and the client then reads only that shape, as a client written for it would.
"""

from __future__ import annotations

import argparse
import collections
import os
import secrets
import sys
import tempfile
from typing import Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from classic_client import (  # noqa: E402  (the path tweak above makes this importable from anywhere)
    DEFAULT_TIMEOUT,
    ENCODINGS,
    ClassicClient,
    TIMESTAMP_SHAPES,
    ClassicError,
    ContentEntry,
    PeerFileServer,
    Reply,
    UserEntry,
    VariantClient,
    build_request,
    get_file,
    local_ip_towards,
    shaped_clock,
)

OVERLONG = 300
"""Length of the over-long fields: beyond the 256-byte limit, so the op's 'other' code."""


class RecordingClient(VariantClient):
    """A classic client that remembers which result-code encodings the server used."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.encodings: collections.Counter[str] = collections.Counter()

    def exchange(self, payload: bytes) -> Reply:
        reply = super().exchange(payload)
        self.encodings[reply.encoding] += 1
        return reply


class Checks:
    """Counts and prints checks; a failed check never stops the scenario."""

    def __init__(self) -> None:
        self.total = 0
        self.failed = 0

    def check(self, label: str, passed: bool, detail: str = "") -> bool:
        self.total += 1
        if not passed:
            self.failed += 1
        suffix = f" ({detail})" if detail and not passed else ""
        print(f"{'ok  ' if passed else 'FAIL'} {label}{suffix}", flush=True)
        return passed

    def code(self, label: str, expected: int, action: Callable[[], object]):
        """Run a directory call and check its result code.

        Returns the call's result when the code matched, else None, so follow-up checks
        on list entries fail visibly instead of comparing against a wrong reply."""
        try:
            result = action()
        except ClassicError as exc:
            self.check(f"{label} -> {expected}", False, str(exc))
            return None
        code = result[0] if isinstance(result, tuple) else result
        self.check(f"{label} -> {expected}", code == expected, f"got {code}")
        return result if code == expected else None

    def entries(self, label: str, result, expected: list) -> None:
        """Compare list entries as multisets: the spec fixes no order."""
        if result is None:
            self.check(label, False, "no list to compare")
            return
        got = sorted(result[1])
        self.check(label, got == sorted(expected), f"got {got}, expected {sorted(expected)}")


def pad_name(base: str, suffix: str, length: int) -> str:
    """A name of exactly `length` bytes that still ends with the run's unique suffix."""
    return base + "x" * (length - len(base) - len(suffix) - 1) + "_" + suffix


class Scenario:
    """The whole interop run; each method is one section of the spec's table."""

    def __init__(self, host: str, port: int, timestamps: bool, expected_encoding: str | None, workdir: str,
                 timestamp_shape: str | None = None, connect_ip: bool = False, list_content: str | None = None):
        self.host, self.port = host, port
        self.list_content_shape = list_content
        self.connect_ip = _local_ip(host, port) if connect_ip else None
        self.client = RecordingClient(
            host, port, timestamps=timestamps or timestamp_shape is not None,
            **({"clock": shaped_clock(timestamp_shape)} if timestamp_shape else {}),
            connect_ip=self.connect_ip, content_shape=list_content or "auto")
        self.expected_encoding = expected_encoding
        self.checks = Checks()
        self.sfx = secrets.token_hex(4)
        self.alice, self.bob, self.carol, self.ghost = (f"{n}_{self.sfx}" for n in ("alice", "bob", "carol", "ghost"))
        self.shared = f"shared_{self.sfx}.bin"       # published by alice AND bob
        self.bob_only = f"bobonly_{self.sfx}.dat"
        self.extra = f"extra_{self.sfx}.txt"         # published then deleted by alice
        self.desc_alice = "alice's  copy, with blanks and a tab\tinside"
        self.desc_bob = "bob's copy of the same name"
        self.desc_bob_only = "only bob has this one"
        self.workdir = workdir
        self.peer_a = self.peer_b = None
        self.local_ip: str | None = None

    # -- setup

    def _make_peers(self) -> None:
        """Two classic peers, each serving its own folder on its own port."""
        try:
            bind = local_ip_towards(self.host, self.port)
        except OSError:
            bind = "127.0.0.1"
        share_a, share_b = (os.path.join(self.workdir, d) for d in ("share_alice", "share_bob"))
        os.makedirs(share_a)
        os.makedirs(share_b)
        os.makedirs(os.path.join(self.workdir, "downloads"))
        self.content_shared = bytes(range(256)) * 64 + os.urandom(150_000)
        self.content_bob_only = b"line 1\nline 2\r\n\0binary\xff" * 2000
        _write(os.path.join(share_a, self.shared), self.content_shared)
        _write(os.path.join(share_b, self.bob_only), self.content_bob_only)
        _write(os.path.join(self.workdir, "secret.txt"), b"outside every share folder")
        self.peer_a = PeerFileServer(share_a, host=bind).start()
        self.peer_b = PeerFileServer(share_b, host=bind).start()

    def stop(self) -> None:
        for peer in (self.peer_a, self.peer_b):
            if peer is not None:
                peer.stop()

    # -- the run

    def run(self) -> bool:
        """All sections in order; False when the server could not be reached at all."""
        try:
            code = self.client.register(self.alice)
        except ClassicError as exc:
            self.checks.check(f"directory server reachable at {self.host}:{self.port}", False, str(exc))
            return False
        self.checks.check(f"REGISTER {self.alice} (new user) -> 0", code == 0, f"got {code}")
        self._make_peers()
        for section in (
            self.register, self.connect, self.publish, self.delete, self.list_users, self.list_content,
            self.transfer, self.disconnect, self.unregister, self.limits, self.unknown_op,
            self.newline_terminator, *([self.announced_ip] if self.connect_ip else []), self.cleanup, self.encoding,
        ):
            section()
        return True

    def register(self) -> None:
        c, k = self.client, self.checks
        k.code(f"REGISTER {self.bob} (new user)", 0, lambda: c.register(self.bob))
        k.code(f"REGISTER {self.carol} (new user)", 0, lambda: c.register(self.carol))
        k.code("REGISTER alice again (user already registered)", 1, lambda: c.register(self.alice))
        k.code("UNREGISTER ghost (no such user)", 1, lambda: c.unregister(self.ghost))

    def connect(self) -> None:
        c, k = self.client, self.checks
        k.code("CONNECT ghost (no such user)", 1, lambda: c.connect(self.ghost, self.peer_a.port))
        k.code("CONNECT alice with her file server's port", 0, lambda: c.connect(self.alice, self.peer_a.port))
        self.local_ip = c.last_local_ip
        k.code("CONNECT alice again (already connected)", 2, lambda: c.connect(self.alice, self.peer_a.port))
        k.code("CONNECT bob with his file server's port", 0, lambda: c.connect(self.bob, self.peer_b.port))
        if k.code("CONNECT carol with a non-numeric port (other error)", 3,
                  lambda: c.connect(self.carol, "notaport")) is None:
            _quietly(lambda: c.disconnect(self.carol))  # keep later 'carol not connected' checks meaningful
        k.code("DISCONNECT ghost (no such user)", 1, lambda: c.disconnect(self.ghost))
        k.code("DISCONNECT carol (registered, not connected)", 2, lambda: c.disconnect(self.carol))

    def publish(self) -> None:
        c, k = self.client, self.checks
        k.code("PUBLISH as ghost (no such user)", 1, lambda: c.publish(self.ghost, self.shared, "x"))
        k.code("PUBLISH as carol (not connected)", 2, lambda: c.publish(self.carol, self.shared, "x"))
        k.code("PUBLISH alice's file, description with blanks", 0,
               lambda: c.publish(self.alice, self.shared, self.desc_alice))
        k.code("PUBLISH the same file again (already published)", 3,
               lambda: c.publish(self.alice, self.shared, self.desc_alice))
        k.code("PUBLISH alice's second file", 0, lambda: c.publish(self.alice, self.extra, "to be deleted"))
        k.code("PUBLISH bob, same file name as alice", 0, lambda: c.publish(self.bob, self.shared, self.desc_bob))
        k.code("PUBLISH bob's own file", 0, lambda: c.publish(self.bob, self.bob_only, self.desc_bob_only))

    def delete(self) -> None:
        c, k = self.client, self.checks
        k.code("DELETE as ghost (no such user)", 1, lambda: c.delete(self.ghost, self.extra))
        k.code("DELETE as carol (not connected)", 2, lambda: c.delete(self.carol, self.extra))
        k.code("DELETE a never published name (not published)", 3,
               lambda: c.delete(self.alice, f"never_{self.sfx}"))
        k.code("DELETE as alice a file only bob published", 3, lambda: c.delete(self.alice, self.bob_only))
        k.code("DELETE alice's second file", 0, lambda: c.delete(self.alice, self.extra))
        k.code("DELETE it again (no longer published)", 3, lambda: c.delete(self.alice, self.extra))

    def list_users(self) -> None:
        c, k = self.client, self.checks
        k.code("LIST_USERS as ghost (no such user)", 1, lambda: c.list_users(self.ghost))
        k.code("LIST_USERS as carol (not connected)", 2, lambda: c.list_users(self.carol))
        result = k.code("LIST_USERS as alice", 0, lambda: c.list_users(self.alice))
        k.entries("LIST_USERS lists exactly alice and bob (connected only) with IP and listen port",
                  self._ours(result), [UserEntry(self.alice, self.local_ip, self.peer_a.port),
                                       UserEntry(self.bob, self.local_ip, self.peer_b.port)])

    def list_content(self) -> None:
        c, k = self.client, self.checks
        k.code("LIST_CONTENT as ghost (no such user)", 1, lambda: c.list_content(self.ghost, self.alice))
        k.code("LIST_CONTENT as carol (not connected)", 2, lambda: c.list_content(self.carol, self.alice))
        k.code("LIST_CONTENT of ghost (remote user does not exist)", 3,
               lambda: c.list_content(self.alice, self.ghost))
        result = k.code("LIST_CONTENT alice's own files", 0, lambda: c.list_content(self.alice, self.alice))
        k.entries("LIST_CONTENT alice: exact name and description (deleted file gone)", result,
                  self._content([ContentEntry(self.shared, self.desc_alice)]))
        result = k.code("LIST_CONTENT bob's files", 0, lambda: c.list_content(self.alice, self.bob))
        k.entries("LIST_CONTENT bob: same name as alice, own description", result, self._bob_files())
        result = k.code("LIST_CONTENT carol (registered, not connected, no files)", 0,
                        lambda: c.list_content(self.alice, self.carol))
        k.entries("LIST_CONTENT carol is empty", result, [])

    def transfer(self) -> None:
        """GET_FILE between the two peers, using the address LIST_USERS reports."""
        c, k = self.client, self.checks
        result = k.code("LIST_USERS as bob (to find alice)", 0, lambda: c.list_users(self.bob))
        users = {u.name: u for u in (result[1] if result else [])}
        alice, bob = users.get(self.alice), users.get(self.bob)
        if not k.check("LIST_USERS gives both peers' addresses", alice is not None and bob is not None):
            return
        self._download("GET_FILE bob <- alice (shared file)", alice, self.shared, self.content_shared)
        self._download("GET_FILE alice <- bob (bob's file)", bob, self.bob_only, self.content_bob_only)
        self._refused("GET_FILE of a missing file (code 1)", alice, f"missing_{self.sfx}", expect_code=1)
        for name in ("../secret.txt", "..\\secret.txt", os.path.join(self.workdir, "secret.txt"),
                     "sub/secret.txt", ".."):
            self._refused(f"GET_FILE refuses {name!r}", alice, name)

    def disconnect(self) -> None:
        """Files survive DISCONNECT; a disconnected user can do nothing but reconnect."""
        c, k = self.client, self.checks
        k.code("DISCONNECT alice", 0, lambda: c.disconnect(self.alice))
        k.code("DISCONNECT alice again (not connected)", 2, lambda: c.disconnect(self.alice))
        result = k.code("LIST_USERS as bob after alice left", 0, lambda: c.list_users(self.bob))
        k.entries("LIST_USERS no longer lists alice", self._ours(result),
                  [UserEntry(self.bob, self.local_ip, self.peer_b.port)])
        result = k.code("LIST_CONTENT of disconnected alice", 0, lambda: c.list_content(self.bob, self.alice))
        k.entries("alice's file survives DISCONNECT", result, self._content([ContentEntry(self.shared, self.desc_alice)]))
        k.code("PUBLISH as disconnected alice", 2, lambda: c.publish(self.alice, self.extra, "x"))
        k.code("DELETE as disconnected alice", 2, lambda: c.delete(self.alice, self.shared))
        k.code("LIST_USERS as disconnected alice", 2, lambda: c.list_users(self.alice))
        k.code("LIST_CONTENT as disconnected alice", 2, lambda: c.list_content(self.alice, self.bob))
        k.code("CONNECT alice again after DISCONNECT", 0, lambda: c.connect(self.alice, self.peer_a.port))
        result = k.code("LIST_CONTENT alice after reconnecting", 0, lambda: c.list_content(self.alice, self.alice))
        k.entries("alice's file is still there after reconnecting", result,
                  self._content([ContentEntry(self.shared, self.desc_alice)]))
        k.code("DISCONNECT alice before unregistering", 0, lambda: c.disconnect(self.alice))

    def unregister(self) -> None:
        """UNREGISTER removes the user and its files, and nobody else's."""
        c, k = self.client, self.checks
        k.code("UNREGISTER alice", 0, lambda: c.unregister(self.alice))
        k.code("UNREGISTER alice again (no such user)", 1, lambda: c.unregister(self.alice))
        k.code("LIST_CONTENT of unregistered alice (remote user does not exist)", 3,
               lambda: c.list_content(self.bob, self.alice))
        result = k.code("LIST_CONTENT bob after alice left", 0, lambda: c.list_content(self.bob, self.bob))
        k.entries("bob's file of the same name is untouched", result, self._bob_files())
        k.code("REGISTER alice anew", 0, lambda: c.register(self.alice))
        result = k.code("LIST_CONTENT of the new alice", 0, lambda: c.list_content(self.bob, self.alice))
        k.entries("UNREGISTER removed alice's files", result, [])
        k.code("UNREGISTER the new alice", 0, lambda: c.unregister(self.alice))

    def limits(self) -> None:
        """256 bytes is allowed; 300 bytes gets the op's 'other' code and no crash."""
        c, k, bob = self.client, self.checks, self.bob
        max_user = pad_name("maxuser", self.sfx, 256)
        k.code("REGISTER a 256-byte user name", 0, lambda: c.register(max_user))
        k.code("UNREGISTER the 256-byte user name", 0, lambda: c.unregister(max_user))
        max_file, max_desc = pad_name("maxfile", self.sfx, 256), ("max desc " * 40)[:256]
        k.code("PUBLISH a 256-byte file name with a 256-byte description", 0,
               lambda: c.publish(bob, max_file, max_desc))
        utf8_file, utf8_desc = f"utf8_{self.sfx}.txt", "café, naïve, 日本語"
        k.code("PUBLISH a UTF-8 description", 0, lambda: c.publish(bob, utf8_file, utf8_desc))
        result = k.code("LIST_CONTENT bob with the limit-sized entries", 0, lambda: c.list_content(bob, bob))
        k.entries("LIST_CONTENT returns 256-byte and UTF-8 fields intact", result,
                  self._bob_files() + self._content([ContentEntry(max_file, max_desc), ContentEntry(utf8_file, utf8_desc)]))
        k.code("DELETE the 256-byte file name", 0, lambda: c.delete(bob, max_file))
        k.code("DELETE the UTF-8 entry", 0, lambda: c.delete(bob, utf8_file))
        self._overlong()
        k.code("LIST_USERS after the over-long requests (server still serving)", 0, lambda: c.list_users(bob))

    def _overlong(self) -> None:
        c, k, bob = self.client, self.checks, self.bob
        long_user, long_file = pad_name("longuser", self.sfx, OVERLONG), pad_name("longfile", self.sfx, OVERLONG)
        long_desc = ("long desc " * 40)[:OVERLONG]
        for label, expected, action in (
            ("REGISTER", 2, lambda: c.register(long_user)),
            ("UNREGISTER", 2, lambda: c.unregister(long_user)),
            ("CONNECT", 3, lambda: c.connect(long_user, self.peer_b.port)),
            ("DISCONNECT", 3, lambda: c.disconnect(long_user)),
            ("PUBLISH", 4, lambda: c.publish(long_user, self.shared, "x")),
            ("DELETE", 4, lambda: c.delete(long_user, self.shared)),
            ("LIST_USERS", 3, lambda: c.list_users(long_user)),
            ("LIST_CONTENT", 4, lambda: c.list_content(long_user, bob)),
        ):
            k.code(f"{label} with a {OVERLONG}-byte user name (other error)", expected, action)
        k.code(f"LIST_CONTENT of a {OVERLONG}-byte remote name (other error)", 4,
               lambda: c.list_content(bob, long_user))
        k.code(f"PUBLISH a {OVERLONG}-byte file name (other error)", 4, lambda: c.publish(bob, long_file, "x"))
        k.code(f"PUBLISH a {OVERLONG}-byte description (other error)", 4,
               lambda: c.publish(bob, f"d_{self.sfx}", long_desc))
        k.code("PUBLISH a file name containing a blank (other error)", 4,
               lambda: c.publish(bob, f"has blank_{self.sfx}", "x"))
        k.code(f"DELETE a {OVERLONG}-byte file name (other error)", 4, lambda: c.delete(bob, long_file))

    def unknown_op(self) -> None:
        """An unknown op gets an error reply and the server carries on.

        Sent through a non-recording client: classic servers answer `-1\\0` whatever
        their configured encoding, so this reply says nothing about the encoding."""
        plain = ClassicClient(self.host, self.port, timeout=self.client.timeout)
        try:
            reply = plain.exchange(build_request(f"FROBNICATE_{self.sfx.upper()}", []))
            self.checks.check("unknown op gets an error reply", reply.code != 0, f"got code {reply.code}")
        except ClassicError as exc:
            self.checks.check("unknown op gets an error reply", False, str(exc))
        self.checks.code("LIST_USERS after the unknown op (server still serving)", 0,
                         lambda: self.client.list_users(self.bob))

    def newline_terminator(self) -> None:
        """Classic C servers also end a field at `\\n` (spec section 1)."""
        c = self.client
        stamp = [c.clock()] if c.timestamps else []
        payload = build_request("UNREGISTER", stamp) + self.carol.encode() + b"\n"
        self.checks.code("UNREGISTER carol with a \\n-terminated user field", 0, lambda: c.exchange(payload).code)
        self.checks.code("UNREGISTER carol again (it was carol who went)", 1, lambda: c.unregister(self.carol))

    def announced_ip(self) -> None:
        """CONNECT user ip port: the server registers the address it sees, whatever the client announces."""
        c, k = self.client, self.checks
        dave = f"dave_{self.sfx}"
        k.code(f"REGISTER {dave} (new user)", 0, lambda: c.register(dave))
        k.code("CONNECT dave with a malformed IP (other error)", 3,
               lambda: c.request("CONNECT", dave, "127.0.0.256", self.peer_b.port).code)
        k.code("CONNECT dave with a short-form IP (other error)", 3,
               lambda: c.request("CONNECT", dave, "127.1", self.peer_b.port).code)
        k.code("CONNECT dave with an IP and an empty port (other error)", 3,
               lambda: c.request("CONNECT", dave, self.connect_ip, "").code)
        k.code("CONNECT dave announcing someone else's IP", 0,
               lambda: c.request("CONNECT", dave, "192.0.2.7", self.peer_b.port).code)
        result = k.code("LIST_USERS as bob with dave connected", 0, lambda: c.list_users(self.bob))
        k.entries("dave is listed at the address the server saw, not the announced one", self._ours(result),
                  [UserEntry(self.bob, self.local_ip, self.peer_b.port), UserEntry(dave, self.local_ip, self.peer_b.port)])
        k.code("CONNECT dave again with an IP (already connected)", 2, lambda: c.connect(dave, self.peer_b.port))
        k.code("DISCONNECT dave", 0, lambda: c.disconnect(dave))
        k.code("UNREGISTER dave", 0, lambda: c.unregister(dave))

    def cleanup(self) -> None:
        c, k = self.client, self.checks
        k.code("DISCONNECT bob", 0, lambda: c.disconnect(self.bob))
        k.code("UNREGISTER bob", 0, lambda: c.unregister(self.bob))

    def encoding(self) -> None:
        seen = sorted(self.client.encodings)
        print(f"info result-code encoding(s) detected: {', '.join(seen) or 'none'}", flush=True)
        self.checks.check("every reply used the same result-code encoding", len(seen) == 1, f"saw {seen}")
        if self.expected_encoding:
            self.checks.check(f"server uses the {self.expected_encoding} result-code encoding",
                              seen == [self.expected_encoding], f"saw {seen}")

    # -- helpers

    def _ours(self, result):
        """Only this run's users: the server may hold others (earlier runs, other tests)."""
        if result is None:
            return None
        return result[0], [u for u in result[1] if u.name.endswith("_" + self.sfx)]

    def _bob_files(self) -> list[ContentEntry]:
        return self._content([ContentEntry(self.shared, self.desc_bob), ContentEntry(self.bob_only, self.desc_bob_only)])

    def _content(self, entries: list[ContentEntry]) -> list[ContentEntry]:
        """What a LIST_CONTENT of these files reads as: no descriptions from a names-only server."""
        if self.list_content_shape == "names":
            return [ContentEntry(e.name, None) for e in entries]
        return entries

    def _download(self, label: str, peer: UserEntry, name: str, expected: bytes) -> None:
        local = os.path.join(self.workdir, "downloads", name)
        try:
            code = get_file(peer.ip, peer.port, name, local, self.client.timeout)
        except ClassicError as exc:
            self.checks.check(label, False, str(exc))
            return
        if self.checks.check(f"{label} -> 0", code == 0, f"got {code}"):
            with open(local, "rb") as f:
                data = f.read()
            self.checks.check(f"{label}: content byte-identical", data == expected,
                              f"{len(data)} bytes vs {len(expected)} expected")

    def _refused(self, label: str, peer: UserEntry, name: str, expect_code: int | None = None) -> None:
        """A refused or failed GET_FILE: the expected non-zero code and no local file."""
        local = os.path.join(self.workdir, "downloads", f"refused_{secrets.token_hex(4)}")
        try:
            code = get_file(peer.ip, peer.port, name, local, self.client.timeout)
        except ClassicError as exc:
            self.checks.check(label, False, str(exc))
            return
        ok = code == expect_code if expect_code is not None else code != 0
        self.checks.check(label, ok, f"got {code}")
        self.checks.check(f"{label}: no local file left", not os.path.exists(local))


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


def _local_ip(host: str, port: int) -> str:
    """The IP a classic client announces: its address on the route to the server."""
    try:
        return local_ip_towards(host, port)
    except OSError:
        return "127.0.0.1"


def _quietly(action: Callable[[], object]) -> None:
    try:
        action()
    except ClassicError:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Classic-client interop scenario against a directory server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--timestamps", action="store_true", help="send the part-2 DD/MM/YYYY HH:MM:SS field")
    parser.add_argument("--encoding", choices=ENCODINGS,
                        help="result-code encoding the server is configured with (checked, never assumed)")
    parser.add_argument("--timestamp-shape", choices=sorted(TIMESTAMP_SHAPES),
                        help="send the timestamp in this shape (implies --timestamps)")
    parser.add_argument("--connect-ip", action="store_true",
                        help="send CONNECT user ip port with this client's IP, and check what the server does with it")
    parser.add_argument("--list-content", choices=("described", "names"),
                        help="LIST_CONTENT shape the server is configured with; the client reads only that shape")
    args = parser.parse_args(argv)
    timestamps = args.timestamps or args.timestamp_shape is not None
    print(f"info classic client against {args.host}:{args.port}, timestamps {'on' if timestamps else 'off'}, "
          f"socket timeout {DEFAULT_TIMEOUT:g} s", flush=True)
    if args.timestamp_shape or args.connect_ip or args.list_content:
        print(f"info variants: timestamp shape {args.timestamp_shape or '-'}, CONNECT with IP "
              f"{'on' if args.connect_ip else 'off'}, LIST_CONTENT {args.list_content or 'auto'}", flush=True)
    with tempfile.TemporaryDirectory(prefix="classic-interop-") as workdir:
        scenario = Scenario(args.host, args.port, args.timestamps, args.encoding, workdir,
                            args.timestamp_shape, args.connect_ip, args.list_content)
        try:
            scenario.run()
        finally:
            scenario.stop()
    checks = scenario.checks
    print(f"interop: {checks.total} checks, {checks.failed} failed", flush=True)
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
