using P2PSim.Transport;

namespace P2PSim.Systematic.Tests.Downloads;

/// <summary>
/// A transport whose listeners serve a rotten copy: every large write an accepted connection makes (a GET_RANGE
/// reply: code and block in one write) has one byte flipped, while small writes (codes, the manifest) pass intact.
/// The source thus announces the right digests and serves blocks that fail them, like a disk that rotted in place.
/// </summary>
internal sealed class CorruptingTransport(ITransport inner) : ITransport
{
    /// <summary>Writes at least this long are corrupted; a manifest of a few blocks is far shorter.</summary>
    public const int LargeWrite = 64 * 1024;

    public async ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        new CorruptingListener(await inner.BindAsync(endPoint, cancellationToken));

    public ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        inner.ConnectAsync(endPoint, cancellationToken);
}
