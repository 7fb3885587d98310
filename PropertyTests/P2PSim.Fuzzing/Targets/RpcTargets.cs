using System.Buffers;
using P2PSim.LogService;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;

namespace P2PSim.Fuzzing.Targets;

/// <summary>XDR, ONC-RPC messages and record marking, the log program's arguments, the portmapper's reply.</summary>
internal static class RpcTargets
{
    /// <summary>A record bound small enough that the fuzzer reaches it.</summary>
    private const int MaxRecordBytes = 4096;

    /// <summary>Bytes of <see cref="Xdr"/>'s input that choose the reads; the rest is what is read.</summary>
    private const int ScriptLength = 8;

    public static IEnumerable<FuzzTarget> All()
    {
        yield return new FuzzTarget(
            "xdr",
            "XdrReader: the first 8 bytes choose a sequence of reads (ints, hypers, booleans, opaques, strings, array " +
            "lengths) over the rest.",
            Xdr);
        yield return new FuzzTarget(
            "rpc-call",
            "One ONC-RPC message as the log service handles it (LogRpcDispatcher.HandleMessage: call, credential, " +
            "LOG_ENTRY / LOG_BATCH arguments); its reply must decode.",
            RpcCall);
        yield return new FuzzTarget(
            "rpc-reply",
            "One ONC-RPC reply as a client reads it (RpcMessageCodec.DecodeReply, ReadHeader).",
            RpcReply);
        yield return new FuzzTarget(
            "record-marking",
            "A TCP stream of RPC records (RecordMarking.TryReadRecord), whole and split.",
            Records);
        yield return new FuzzTarget(
            "log-batch",
            "The LOG_BATCH argument (LogEntry.DecodeBatch) and the same bytes as one LOG_ENTRY (LogEntry.Decode).",
            LogBatch);
        yield return new FuzzTarget(
            "portmapper-reply",
            "The portmapper's TCP answer to PMAPPROC_SET as PortmapperClient reads it (record, reply, bool).",
            PortmapperReply);
    }

    private static bool IsExpected(Exception e) => e is RpcProtocolException;

    private static void Xdr(byte[] input)
    {
        var script = input.AsSpan(0, Math.Min(input.Length, ScriptLength));
        var reader = new XdrReader(input.AsSpan(script.Length));
        try
        {
            foreach (var op in script)
            {
                var argument = op >> 3;
                switch (op & 7)
                {
                    case 0:
                        _ = reader.ReadUInt32();
                        break;
                    case 1:
                        _ = reader.ReadInt64();
                        break;
                    case 2:
                        _ = reader.ReadBoolean();
                        break;
                    case 3:
                        _ = reader.ReadFixedOpaque(argument);
                        break;
                    case 4:
                        _ = reader.ReadVariableOpaque(argument * 8);
                        break;
                    case 5:
                        _ = reader.ReadString(argument * 8);
                        break;
                    case 6:
                        _ = reader.ReadArrayLength(argument, 4);
                        break;
                    default:
                        reader.EnsureAtEnd();
                        break;
                }

                if (reader.Position > input.Length - script.Length || reader.Position % 4 != 0)
                {
                    throw new FuzzFindingException($"The XDR reader stands at {reader.Position}, past its input or unaligned.");
                }
            }
        }
        catch (XdrException)
        {
        }
    }

    private static void RpcCall(byte[] input)
    {
        var reply = new LogRpcDispatcher(new DiscardingLogStore()).HandleMessage(input);
        if (reply is not null)
        {
            // What the server answers must be a reply its clients read.
            _ = RpcMessageCodec.DecodeReply(reply);
        }

        try
        {
            var call = RpcMessageCodec.DecodeCall(input);
            if (call.Credential.Flavor == AuthFlavor.Sys)
            {
                _ = AuthSysParameters.FromOpaqueAuth(call.Credential);
            }
        }
        catch (RpcProtocolException)
        {
        }
    }

    private static void RpcReply(byte[] input)
    {
        try
        {
            _ = RpcMessageCodec.ReadHeader(input);
            _ = RpcMessageCodec.DecodeReply(input).ToString();
        }
        catch (RpcProtocolException)
        {
        }
    }

    private static void Records(byte[] input) => Transcript.CheckSplitIndependent(input, DecodeRecord, IsExpected);

    private static bool DecodeRecord(ref SequenceReader<byte> reader, out string? decoded)
    {
        var ok = RecordMarking.TryReadRecord(ref reader, MaxRecordBytes, out var record);
        decoded = Convert.ToHexString(record);
        return ok;
    }

    private static void LogBatch(byte[] input)
    {
        try
        {
            var reader = new XdrReader(input);
            _ = LogEntry.DecodeBatch(ref reader).Count;
            reader.EnsureAtEnd();
        }
        catch (RpcProtocolException)
        {
        }

        try
        {
            var reader = new XdrReader(input);
            _ = LogEntry.Decode(ref reader).ToString();
        }
        catch (RpcProtocolException)
        {
        }
    }

    private static void PortmapperReply(byte[] input)
    {
        try
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
            if (RecordMarking.TryReadRecord(ref reader, MaxRecordBytes, out var record))
            {
                _ = PortmapperClient.ReadSetResult(record, 1);
            }
        }
        catch (RpcProtocolException)
        {
        }
    }
}
