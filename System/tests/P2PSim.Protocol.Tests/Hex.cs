namespace P2PSim.Protocol.Tests;

/// <summary>Hex in the notation of docs/protocol.md: upper-case byte pairs separated by blanks.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Format(ReadOnlySpan<byte> bytes) => string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", null)));
}
