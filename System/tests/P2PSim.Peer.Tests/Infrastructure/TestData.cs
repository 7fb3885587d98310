namespace P2PSim.Peer.Tests.Infrastructure;

internal static class TestData
{
    /// <summary>Reproducible pseudo-random content (all 256 byte values, NULs and digits included).</summary>
    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A guard against a hung test: every test finishes well within this.</summary>
    public static CancellationToken Timeout(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
