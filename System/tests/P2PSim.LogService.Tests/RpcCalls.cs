using System.Buffers;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;

namespace P2PSim.LogService.Tests;

/// <summary>Builds log-program calls and reads their results with the production codecs.</summary>
internal static class RpcCalls
{
    public static LogEntry Entry(ulong sequence, string sender = "dir-1", string file = "") =>
        new("alice", file.Length == 0 ? "LIST_USERS" : "PUBLISH", file, "24/11/2026 21:05:09", sender, sequence);

    public static RpcCallMessage Null(uint xid = 1) => Call(xid, LogProgram.ProcedureNull, []);

    public static RpcCallMessage LogEntryCall(LogEntry entry, uint xid = 2) =>
        Call(xid, LogProgram.ProcedureLogEntry, Encode(entry.Encode));

    public static RpcCallMessage LogBatchCall(IReadOnlyList<LogEntry> entries, uint xid = 3) =>
        Call(xid, LogProgram.ProcedureLogBatch, Encode(w => LogEntry.EncodeBatch(w, entries)));

    public static RpcCallMessage Call(uint xid, uint procedure, byte[] arguments) =>
        new(xid, LogProgram.Program, LogProgram.Version, procedure, OpaqueAuth.None, OpaqueAuth.None, arguments);

    public static byte[] Encode(Action<XdrWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(new XdrWriter(output));
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Message(RpcCallMessage call)
    {
        var output = new ArrayBufferWriter<byte>();
        RpcMessageCodec.WriteCall(output, call);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Record(RpcCallMessage call)
    {
        var output = new ArrayBufferWriter<byte>();
        RecordMarking.WriteRecord(output, Message(call));
        return output.WrittenSpan.ToArray();
    }

    public static int ReadInt(RpcReplyMessage reply)
    {
        Assert.Equal(ReplyStatus.Accepted, reply.Status);
        Assert.Equal(AcceptStatus.Success, reply.AcceptStatus);
        var reader = new XdrReader(reply.Results.Span);
        var value = reader.ReadInt32();
        reader.EnsureAtEnd();
        return value;
    }
}
