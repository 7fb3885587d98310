using System.Buffers;
using System.Numerics;
using System.Security.Cryptography;
using P2PSim.Protocol.Peer;

namespace P2PSim.PropertyTests.PeerServing;

/// <summary>
/// What the file server must answer to a pipeline (extensions §2, spec §3), restated from the documents: replies in
/// order; GET_FILE first is the classic exchange and ends the connection; after an extension request a GET_FILE is
/// refused (2); a refused name (empty, <c>.</c>, <c>..</c>, a separator, a control character, a link out of the share)
/// 2; no such file (or a folder) 1; a range with length 0 or past 16 MiB 2; another version 3; past the end 2; the first
/// non-zero code is the last thing on the connection.
/// </summary>
internal static class PeerModel
{
    /// <summary>One expected reply: its code and the bytes that follow the code.</summary>
    public sealed record Reply(int Code, byte[] Body)
    {
        public override string ToString() => Code == 0 ? $"0 + {Body.Length} bytes" : $"{Code}, close";
    }

    public static IReadOnlyList<Reply> Expect(PeerCase c)
    {
        var files = c.Files.ToDictionary(f => f.Name, f => f.Content(), StringComparer.Ordinal);
        var replies = new List<Reply>();
        for (var i = 0; i < c.Commands.Count; i++)
        {
            var command = c.Commands[i];
            var reply = Answer(command, files, first: i == 0);
            replies.Add(reply);
            if (reply.Code != 0 || command.Operation == GetFileCodec.OperationName)
            {
                break;
            }
        }

        return replies;
    }

    /// <summary>The version string the request carries for <paramref name="kind"/>.</summary>
    public static string VersionOf(VersionKind kind, byte[]? content) => kind switch
    {
        VersionKind.Current => Hex(content ?? []),
        VersionKind.UpperCase => Hex(content ?? []).ToUpperInvariant(),
        VersionKind.Stale => Hex([.. content ?? [], 1]),
        _ => "not-a-version",
    };

    /// <summary>The manifest the documents describe: blocks of 256 KiB (for files under 16 GiB), SHA-256 each and of the whole.</summary>
    public static byte[] Manifest(byte[] content)
    {
        const int BlockSize = 256 * 1024;
        var blocks = content.Chunk(BlockSize).Select(b => SHA256.HashData(b)).ToList();
        var buffer = new ArrayBufferWriter<byte>();
        ManifestCodec.Encode(new FileManifest(content.Length, BlockSize, SHA256.HashData(content), blocks), buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static Reply Answer(PeerCommand command, Dictionary<string, byte[]> files, bool first)
    {
        if (command.Operation == PeerRequestCodec.RangeOperation && command.Length is < 1 or > FileManifest.MaxRangeLength)
        {
            return new Reply(2, []); // the decoder refuses the request before anything else
        }

        if (command.Operation == GetFileCodec.OperationName && !first)
        {
            return new Reply(2, []);
        }

        if (!IsServable(command.FileName))
        {
            return new Reply(2, []);
        }

        if (!files.TryGetValue(command.FileName, out var content))
        {
            return new Reply(1, []);
        }

        switch (command.Operation)
        {
            case PeerRequestCodec.ManifestOperation:
                return new Reply(0, Manifest(content));
            case GetFileCodec.OperationName:
                return new Reply(0, content);
        }

        if (!string.Equals(VersionOf(command.Version, content), Hex(content), StringComparison.OrdinalIgnoreCase))
        {
            return new Reply(3, []);
        }

        return new BigInteger(command.Offset) + command.Length > content.Length
            ? new Reply(2, [])
            : new Reply(0, content[(int)command.Offset..(int)(command.Offset + command.Length)]);
    }

    /// <summary>Spec §3's naming rule, and the link in the fixture leads out of the share.</summary>
    private static bool IsServable(string name) =>
        name.Length > 0 && name != "." && !name.Contains("..", StringComparison.Ordinal) && !name.Contains('/', StringComparison.Ordinal) &&
        !name.Contains('\\', StringComparison.Ordinal) && !name.Any(char.IsControl) && name != ShareFixture.LinkOut;

    private static string Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
