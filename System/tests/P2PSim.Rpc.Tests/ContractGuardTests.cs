using System.Buffers;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;

namespace P2PSim.Rpc.Tests;

/// <summary>
/// The public codec entry points refuse a null or negative argument with the argument exception naming it, before
/// any byte is written or read, rather than failing later with a NullReferenceException or a half-written message.
/// </summary>
public sealed class ContractGuardTests
{
    private static readonly XdrWriter Writer = new(new ArrayBufferWriter<byte>());

    [Fact]
    public void Encoders_refuse_a_null_writer()
    {
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => Golden.Entry.Encode(null!)).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => LogEntry.EncodeBatch(null!, [Golden.Entry])).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => OpaqueAuth.None.Encode(null!)).ParamName);
        var sys = new AuthSysParameters(1, "host", 0, 0, []);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => sys.Encode(null!)).ParamName);
    }

    [Fact]
    public void Encoders_refuse_a_null_output_or_value()
    {
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => new XdrWriter(null!)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => RecordMarking.WriteRecord(null!, [1, 2, 3, 4])).ParamName);
        Assert.Equal("entries", Assert.Throws<ArgumentNullException>(() => LogEntry.EncodeBatch(Writer, null!)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => Writer.WriteString(null!)).ParamName);
        Assert.Equal("call", Assert.Throws<ArgumentNullException>(() => RpcMessageCodec.WriteCall(new ArrayBufferWriter<byte>(), null!)).ParamName);
        Assert.Equal("reply", Assert.Throws<ArgumentNullException>(() => RpcMessageCodec.WriteReply(new ArrayBufferWriter<byte>(), null!)).ParamName);
        Assert.Equal("auth", Assert.Throws<ArgumentNullException>(() => AuthSysParameters.FromOpaqueAuth(null!)).ParamName);
    }

    [Fact]
    public void Readers_refuse_negative_lengths_and_bounds()
    {
        var bytes = new byte[8];
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var reader = new XdrReader(bytes);
            reader.ReadFixedOpaque(-1);
        }).ParamName);
        Assert.Equal("minElementBytes", Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var reader = new XdrReader(bytes);
            reader.ReadArrayLength(minElementBytes: -1);
        }).ParamName);
        Assert.Equal("maxRecordBytes", Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            RecordMarking.TryReadRecord(ref reader, -1, out _);
        }).ParamName);
    }
}
