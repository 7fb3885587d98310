using FsCheck;
using FsCheck.Fluent;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Support;
using P2PSim.Protocol;
using P2PSim.Protocol.Wire;
using P2PSim.TestKit;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// The real server at the byte level: a request written in pieces gets the same reply bytes as written at once
/// (the session buffers partial requests correctly), and hostile bytes get at most one result code (or an empty
/// FIND_SOURCES/SEARCH list) and a close, after which the server still answers a valid request.
/// </summary>
public sealed class WireProperties(ITestOutputHelper output)
{
    /// <summary>Pieces a moment apart so the server sees them apart, then a half-close: a cut request is answered at once.</summary>
    private static readonly RawExchangeOptions PiecesApart =
        new() { PauseBetweenPieces = TimeSpan.FromMilliseconds(1), HalfCloseAfterRequest = true };

    private static int Cases => PropertySettings.TcpCases * 2;

    [Fact]
    public void A_request_written_in_pieces_gets_the_same_reply_as_written_at_once()
    {
        Run(Prop.ForAll(SegmentedRequests.Arbitrary, s => Bounded.Run(async () =>
        {
            var whole = await ReplyAsync([s.Bytes]);
            var pieces = await ReplyAsync(Chunking.Pieces(s.Bytes, s.Cuts.Take(6)));
            return whole.SequenceEqual(pieces).Label($"whole → {Hex(whole)}, in pieces → {Hex(pieces)}");
        }, Bounded.Default, "the replies to a request written whole and in pieces")));
    }

    [Fact]
    public void Hostile_bytes_get_at_most_a_reply_and_the_server_keeps_serving()
    {
        Run(Prop.ForAll(ByteGenerators.Hostile, bytes => Bounded.Run(async () =>
        {
            var (serverTransport, client, bindAt) = ServerTarget.InMemory.Create();
            await using var server = await RealServer.Factory(serverTransport, bindAt, ResultEncoding.Ascii);
            var raw = new RawClassicClient(client, server.EndPoint, PiecesApart);
            var reply = await raw.SendBytesAsync([bytes]);

            // A name no generated request uses ('#' is in no generator's alphabet), so it cannot be registered already.
            var after = await raw.SendBytesAsync(["REGISTER\0after#check\0"u8.ToArray()]);
            // Or, for bytes that happen to form a FIND_SOURCES or SEARCH (queries anyone may make), code 0 and the
            // fresh server's empty list.
            var oneCode = reply.Length == 0 || (ResultCode.TryRead(reply, out _, out var consumed) && consumed == reply.Length) ||
                reply.SequenceEqual("0\00\0"u8.ToArray());
            return (oneCode && after.SequenceEqual("0\0"u8.ToArray()))
                .Label($"reply {Hex(reply)}, then REGISTER → {Hex(after)}");
        }, Bounded.Default, "a server's reply to hostile bytes and to a REGISTER after them")));
    }

    private static async Task<byte[]> ReplyAsync(IReadOnlyList<byte[]> chunks)
    {
        var (serverTransport, client, bindAt) = ServerTarget.InMemory.Create();
        await using var server = await RealServer.Factory(serverTransport, bindAt, ResultEncoding.Ascii);
        return await new RawClassicClient(client, server.EndPoint, PiecesApart).SendBytesAsync(chunks);
    }

    private static string Hex(byte[] bytes) => bytes.Length == 0 ? "(nothing)" : Convert.ToHexString(bytes);

    private void Run(Property property)
    {
        output.WriteLine(PropertySettings.Describe(Cases));
        Check.One(PropertySettings.Config(Cases), property);
    }
}
