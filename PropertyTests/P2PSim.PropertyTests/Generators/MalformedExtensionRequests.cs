using System.Text;
using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// FIND_SOURCES and SEARCH requests the server must refuse with code 3 (extensions §1), as raw bytes because the
/// request records cannot hold them: a file name with a blank or empty, an empty search text, and result counts
/// that are no number from 1 to 2³¹−1 (0, signs, 2³¹, 20 and more digits, spaces, hex).
/// </summary>
internal static class MalformedExtensionRequests
{
    private static readonly Gen<string> BadCount = Gen.OneOf(
        Gen.Elements("0", "00", "-1", "+5", " 5", "5 ", "", "0x10", "2147483648", "9223372036854775807", "9223372036854775808",
            "18446744073709551616", "99999999999999999999", "999999999999999999999", "1e3", "٣"),
        Gen.Choose(21, 40).Select(n => new string('7', n)));

    private static readonly Gen<string> BadFileName = Gen.Elements("", "two words", "tab\there", "bell\u0007", " lead");

    public static Arbitrary<(Operation Operation, byte[] Bytes)> Arbitrary { get; } = Arb.From(Gen.OneOf(
        from dt in TextGenerators.Timestamp
        from name in BadFileName
        select (Operation.FindSources, Request(Operation.FindSources, dt, "ana", name)),
        from dt in TextGenerators.Timestamp
        from text in TextGenerators.SearchText
        from count in BadCount
        select (Operation.Search, Request(Operation.Search, dt, "ana", text, count)),
        from dt in TextGenerators.Timestamp
        select (Operation.Search, Request(Operation.Search, dt, "ana", string.Empty, "10"))));

    private static byte[] Request(Operation operation, string? timestamp, params string[] fields) =>
        Encoding.UTF8.GetBytes(string.Concat(
            new[] { operation.WireName() }.Concat(timestamp is null ? [] : [timestamp]).Concat(fields).Select(f => f + "\0")));
}
