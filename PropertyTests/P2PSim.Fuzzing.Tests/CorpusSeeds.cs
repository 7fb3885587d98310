using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using P2PSim.DirectoryServer.Registry.Durable;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Peer;
using P2PSim.Protocol.Tests;
using P2PSim.Protocol.Tests.Sessions;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Tests;

namespace P2PSim.Fuzzing.Tests;

/// <summary>
/// The seed corpus of each fuzz target: the golden vectors of the protocol and RPC tests, and for the formats that
/// have none as byte arrays (manifests, registry files) what the real encoders write. Deterministic, so the committed
/// corpus can be checked against it.
/// </summary>
internal static class CorpusSeeds
{
    public static IEnumerable<(string Target, string Name, byte[] Bytes)> All()
    {
        foreach (var c in RequestCases.All)
        {
            yield return ("directory-request", c.Id, c.Bytes);
        }

        // Every operation, extensions included, in its plain form.
        foreach (var operation in Enum.GetValues<Operation>())
        {
            yield return ("directory-request", $"all-{operation}", Bytes.Fields(Bytes.RequestFields(operation, "alice")));
        }

        foreach (var c in ErrorCases.All)
        {
            yield return ("directory-request", c.Id, c.Request);
        }

        // The reply target's first byte is the operation it answers.
        var operations = Enum.GetValues<Operation>();
        foreach (var c in ReplyCases.All)
        {
            yield return ("directory-reply", c.Id, [(byte)Array.IndexOf(operations, c.Reply.Operation), .. c.Bytes]);
        }

        // The extensions' lists, as this server writes them.
        var hits = new DirectoryReply(Operation.Search, 0) { Hits = [new SearchHit("alice", "song.mp3", "my song"), new SearchHit("bob", "a.txt", "")] };
        var sources = new DirectoryReply(Operation.FindSources, 0) { Users = ReplyCases.Users };
        yield return ("directory-reply", "search", [(byte)Array.IndexOf(operations, Operation.Search), .. Encode(w => DirectoryReplyEncoder.Encode(hits, ResultEncoding.Ascii, w))]);
        yield return ("directory-reply", "find-sources", [(byte)Array.IndexOf(operations, Operation.FindSources), .. Encode(w => DirectoryReplyEncoder.Encode(sources, ResultEncoding.Ascii, w))]);

        foreach (var c in GetFileCases.Requests)
        {
            yield return ("getfile-request", c.Id, c.Bytes);
            yield return ("peer-request", c.Id, c.Bytes);
        }

        foreach (var c in GetFileCases.Replies)
        {
            yield return ("getfile-reply", c.Id, c.Bytes);
        }

        yield return ("peer-request", "manifest", Encode(w => PeerRequestCodec.Encode(new ManifestRequest("song.mp3"), w)));
        yield return ("peer-request", "range", Encode(w => PeerRequestCodec.Encode(
            new RangeRequest("song.mp3", new string('a', PeerRequestCodec.VersionLength), 262144, 262144), w)));

        yield return ("manifest", "one-block", Encode(w => ManifestCodec.Encode(Manifest(5, 1), w)));
        yield return ("manifest", "three-blocks", Encode(w => ManifestCodec.Encode(Manifest(600_000, 3), w)));
        yield return ("manifest", "empty-file", Encode(w => ManifestCodec.Encode(Manifest(0, 0), w)));

        yield return ("range-reply", "ok", [1, .. "0\0"u8, .. "data"u8]);
        yield return ("range-reply", "refused", [0, .. "2\0"u8]);
        yield return ("range-reply", "lone-digit-at-end", [1, .. "3"u8]);

        foreach (var (id, parts) in SessionCases.All)
        {
            var target = id is "S-HELLO-1" or "S-DECLINED-1" ? null : "session-frames";
            if (target is not null)
            {
                yield return (target, id, [.. parts.SelectMany(p => p)]);
            }
        }

        yield return ("session-hello", "S-HELLO-1", SessionCases.Hello);
        yield return ("session-terms", "S-HELLO-1", SessionCases.Terms);
        yield return ("session-terms", "S-DECLINED-1", [.. "-1\0"u8]);
        yield return ("account", "account", [.. "ACCOUNT\0"u8, .. "alice\0"u8, .. "s3cret-pass\0"u8]);
        yield return ("account", "login", [.. "LOGIN\0"u8, .. "alice\0"u8, .. "s3cret-pass\0"u8]);
        yield return ("account", "reply", [.. "0\0"u8]);

        // The xdr target: an 8-byte script of reads (uint, hyper, bool, string of at most 64, array of at most 4,
        // opaque of at most 64, fixed opaque of 4, end), then the bytes they read.
        yield return ("xdr", "mixed", [
            0, 1, 2, (8 << 3) | 5, (4 << 3) | 6, (8 << 3) | 4, (4 << 3) | 3, 7,
            0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 5, .. "alice"u8, 0, 0, 0,
            0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 0, 9, 9, 9, 9]);
        yield return ("xdr", "log-entry", [(31 << 3) | 5, (31 << 3) | 5, (31 << 3) | 5, (4 << 3) | 5, (8 << 3) | 5, 1, 7, 7, .. Golden.LogEntry]);

        yield return ("rpc-call", "call-auth-sys", Golden.CallAuthSys);
        yield return ("rpc-call", "call-null", Golden.CallNull);
        yield return ("rpc-call", "call-batch", Call(LogProgram.ProcedureLogBatch, Golden.LogBatch));
        yield return ("rpc-call", "call-other-program", Call(LogProgram.ProcedureNull, [], program: 100000));

        foreach (var (name, reply) in Replies())
        {
            yield return ("rpc-reply", name, reply);
        }

        yield return ("record-marking", "one-fragment", Record(Golden.CallNull, Golden.CallNull.Length));
        yield return ("record-marking", "three-fragments", Record(Golden.CallAuthSys, 64));
        yield return ("log-batch", "batch", Golden.LogBatch);
        yield return ("log-batch", "entry", Golden.LogEntry);

        // PortmapperClient reads the reply of the xid it sent: the target always sent xid 1.
        byte[] pmapTrue = [0, 0, 0, 1, .. Golden.ReplySuccess[4..^4], 0, 0, 0, 1];
        yield return ("portmapper-reply", "set-true", Record(pmapTrue, pmapTrue.Length));
        yield return ("portmapper-reply", "program-unavailable", Record(Golden.ReplyProgramUnavailable, 1024));

        yield return ("shell-line", "session", [.. "register alice\nconnect 4500\npublish song.mp3 my favourite song\nlist_users\n"u8,
            .. "list_content bob\nget_file bob song.mp3 local.mp3\nsearch my song\ndelete song.mp3\ndisconnect\nquit\n"u8]);
        yield return ("shell-line", "odd", [.. "  \t\nREGISTER\nGET_MULTIFILE song.mp3 out.mp3\naccount alice\nLOGIN alice\nfrobnicate x\n"u8]);

        RegistryRecord[] records =
        [
            RegistryRecord.Registered("alice"),
            RegistryRecord.Connected("alice", "127.0.0.1", 4500, 7),
            RegistryRecord.Published("alice", "song.mp3", "my favourite song"),
            RegistryRecord.Deleted("alice", "song.mp3"),
            RegistryRecord.Disconnected("alice"),
            RegistryRecord.Orphaned("bob"),
            RegistryRecord.Unregistered("alice"),
        ];
        yield return ("registry-journal", "journal", Encode(w => Array.ForEach(records, r => RegistryRecordCodec.Encode(r, w))));
        foreach (var record in records)
        {
            var frame = Encode(w => RegistryRecordCodec.Encode(record, w));
            yield return ("registry-record", record.Kind.ToString(), frame[RegistryRecordCodec.HeaderLength..]);
        }

        yield return ("registry-snapshot", "snapshot", Encode(w => RegistrySnapshotCodec.Encode(new RegistrySnapshot(3, 7, 0, records[..3]), w)));
        yield return ("log-store", "two-entries", [
            .. """{"user":"alice","operation":"PUBLISH","file":"song.mp3","timestamp":"24/11/2026 21:11:27","sender":"dir-1","sequence":7}"""u8, (byte)'\n',
            .. """{"user":"bob","operation":"LIST_USERS","file":"","timestamp":"","sender":"dir-1","sequence":8}"""u8, (byte)'\n']);
        yield return ("log-store", "torn-tail", [.. """{"user":"alice","operation":"REGISTER","file":"","timestamp":"","sender":"dir-2","sequence":1}"""u8, .. "\n{\"user\":\"bo"u8]);

        // The sink-journal target: the .state line ("read offset, last sequence reserved"), then the journal records.
        byte[] journal = [.. UInt32BigEndian(Golden.LogEntry.Length), .. Golden.LogEntry, .. UInt32BigEndian(Golden.LogEntry.Length), .. Golden.LogEntry];
        yield return ("sink-journal", "two-records", [.. "0 100\n"u8, .. journal]);
        yield return ("sink-journal", "torn-tail", [.. "0 100\n"u8, .. journal[..^9]]);
        yield return ("sink-journal", "read-offset", [.. Encoding.ASCII.GetBytes($"{4 + Golden.LogEntry.Length} 3\n"), .. journal]);

        // registry-recovery: flags (1 snapshot, 2 accept its loss, 4 * journals, 16 * first generation, 64 a gap).
        var snapshot = Encode(w => RegistrySnapshotCodec.Encode(new RegistrySnapshot(1, 7, 0, records[..2]), w));
        var journalBytes = Encode(w => Array.ForEach(records[2..], r => RegistryRecordCodec.Encode(r, w)));
        yield return ("registry-recovery", "journal-only", [4, .. journalBytes]);
        yield return ("registry-recovery", "snapshot-and-journal", [1 | 4 | 16, (byte)snapshot.Length, (byte)(snapshot.Length >> 8), .. snapshot, .. journalBytes]);
        yield return ("registry-recovery", "two-journals-torn-tail", [8, .. journalBytes, .. journalBytes[..^5]]);
        yield return ("registry-recovery", "missing-generation", [8 | 64, .. journalBytes, .. journalBytes]);

        yield return ("registry-snapshot", "empty", Encode(w => RegistrySnapshotCodec.Encode(new RegistrySnapshot(0, 0, 0, []), w)));
    }

    private static byte[] Encode(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] UInt32BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static FileManifest Manifest(long size, int blocks)
    {
        var blockSize = FileManifest.BlockSizeFor(size);
        var hashes = Enumerable.Range(0, blocks).Select(i => SHA256.HashData([(byte)i])).ToArray();
        return new FileManifest(size, blockSize, SHA256.HashData("file"u8), hashes);
    }

    private static byte[] Call(uint procedure, byte[] arguments, uint program = LogProgram.Program) =>
        Encode(w => RpcMessageCodec.WriteCall(
            w, new RpcCallMessage(9, program, LogProgram.Version, procedure, OpaqueAuth.None, OpaqueAuth.None, arguments)));

    private static byte[] Record(byte[] message, int fragmentBytes) =>
        Encode(w => RecordMarking.WriteRecord(w, message, fragmentBytes));

    private static IEnumerable<(string, byte[])> Replies()
    {
        yield return ("success", Golden.ReplySuccess);
        yield return ("program-unavailable", Golden.ReplyProgramUnavailable);
        yield return ("program-mismatch", Golden.ReplyProgramMismatch);
        yield return ("procedure-unavailable", Golden.ReplyProcedureUnavailable);
        yield return ("garbage-arguments", Golden.ReplyGarbageArguments);
        yield return ("system-error", Golden.ReplySystemError);
        yield return ("rpc-mismatch", Golden.ReplyRpcMismatch);
        yield return ("auth-error", Golden.ReplyAuthError);
    }
}
