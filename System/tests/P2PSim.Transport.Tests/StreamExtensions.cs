namespace P2PSim.Transport.Tests;

internal static class StreamExtensions
{
    /// <summary>Everything until the end of the stream.</summary>
    public static async Task<byte[]> ReadToEndAsync(this Stream stream, CancellationToken cancellationToken)
    {
        var all = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }

    /// <summary>Exactly <paramref name="count"/> bytes; fails if the stream ends first.</summary>
    public static async Task<byte[]> ReadBytesAsync(this Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }
}
