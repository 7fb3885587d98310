using System.Buffers;
using System.Text;
using P2PSim.Peer.Serving;
using P2PSim.PropertyTests.Support;
using P2PSim.Protocol.Peer;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.PropertyTests.PeerServing;

/// <summary>
/// Runs one case against the real <see cref="FileServer"/> over the in-memory transport: lays out the share, writes
/// every request at once on one connection (a pipelining client), half-closes, reads the replies to the end of the
/// stream and compares the bytes with <see cref="PeerModel"/>'s, reply by reply.
/// </summary>
internal static class PeerExchangeRunner
{
    /// <summary>Synchronous, for FsCheck; the work runs on the thread pool so no test synchronization context is blocked.</summary>
    public static SequenceOutcome Run(PeerCase c) => Bounded.Run(() => RunAsync(c), Bounded.Default, "a peer exchange case");

    private static async Task<SequenceOutcome> RunAsync(PeerCase c)
    {
        using var share = new ShareFixture(c.Files);
        var network = TestNetwork.Create(TransportKind.InMemory);
        var (peer, bindAt) = network.Server("peer");
        await using var server = await FileServerHost.StartAsync(peer, bindAt, new FileServerOptions(share.Share));

        var expected = PeerModel.Expect(c);
        var (actual, reset) = await ExchangeAsync(network.Transport, server.EndPoint, Encode(c), expected.Sum(r => r.Body.Length + 2L));
        return Compare(c, expected, actual, reset);
    }

    private static byte[] Encode(PeerCase c)
    {
        var contents = c.Files.ToDictionary(f => f.Name, f => f.Content(), StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>(256);
        foreach (var command in c.Commands)
        {
            PeerRequest request = command.Operation switch
            {
                PeerRequestCodec.ManifestOperation => new ManifestRequest(command.FileName),
                GetFileCodec.OperationName => new GetFileRequest(command.FileName),
                _ => new RangeRequest(
                    command.FileName, PeerModel.VersionOf(command.Version, contents.GetValueOrDefault(command.FileName)), command.Offset, command.Length),
            };
            PeerRequestCodec.Encode(request, buffer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the requests and reads what comes back, concurrently (replies may outgrow the channel), to its end.</summary>
    private static async Task<(byte[] Reply, bool Reset)> ExchangeAsync(ITransport client, TransportEndPoint server, byte[] requests, long expectedLength)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var connection = await client.ConnectAsync(server, timeout.Token);
        var write = Task.Run(async () =>
        {
            try
            {
                await connection.Stream.WriteAsync(requests, timeout.Token);
                connection.ShutdownOutput();
            }
            catch (IOException)
            {
                // The server may close after a refusal before reading every request: what it sent is what counts.
            }
        });

        // Bounded: the model's length and 64 KiB more is enough to see anything extra the server sends.
        var reply = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var reset = false;
        while (reply.Length <= expectedLength + buffer.Length)
        {
            int read;
            try
            {
                read = await connection.Stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                reset = true; // the server aborted the connection: never an answer the documents give
                break;
            }

            if (read == 0)
            {
                break;
            }

            reply.Write(buffer, 0, read);
        }

        await write;
        return (reply.ToArray(), reset);
    }

    private static SequenceOutcome Compare(PeerCase c, IReadOnlyList<PeerModel.Reply> expected, byte[] actual, bool reset)
    {
        var transcript = new StringBuilder()
            .AppendLine($"transcript (in-memory, share: {string.Join(", ", c.Files.Select(f => $"{ReplyText.Quote(f.Name)} {f.Size} bytes"))}):");
        var offset = 0;
        var passed = true;
        for (var i = 0; i < c.Commands.Count; i++)
        {
            if (i >= expected.Count)
            {
                transcript.AppendLine($"  {i + 1,3}. {c.Commands[i]} → (not answered: the connection ended)");
                continue;
            }

            var want = expected[i];
            byte[] wire = [(byte)('0' + want.Code), 0, .. want.Body];
            var got = actual.AsSpan(offset, Math.Min(wire.Length, actual.Length - offset));
            var same = got.SequenceEqual(wire);
            transcript.AppendLine($"  {i + 1,3}. {c.Commands[i]} → {(same ? want.ToString() : Describe(got) + $"   <-- MISMATCH, model: {want}")}");
            offset += got.Length;
            if (!same)
            {
                passed = false;
                break;
            }
        }

        if (passed && offset != actual.Length)
        {
            transcript.AppendLine($"  then {actual.Length - offset} more bytes: {Describe(actual.AsSpan(offset))}   <-- MISMATCH, model: end of stream");
            passed = false;
        }

        if (reset)
        {
            transcript.AppendLine($"  the server reset the connection after {actual.Length} bytes   <-- MISMATCH, model: a code, then a close");
            passed = false;
        }

        if (actual.AsSpan().IndexOf(ShareFixture.SecretContent) >= 0)
        {
            transcript.AppendLine("  the reply holds the secret file from outside the share   <-- MISMATCH");
            passed = false;
        }

        return new SequenceOutcome(passed, transcript.ToString());
    }

    private static string Describe(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 0 ? "(nothing)" : $"{bytes.Length} bytes starting {Convert.ToHexString(bytes[..Math.Min(bytes.Length, 8)])}";
}
