using P2PSim.Transport;

namespace P2PSim.Systematic.Tests.Downloads;

/// <summary>
/// A transport whose listeners tamper with every large write an accepted connection makes (a GET_RANGE reply: code
/// and block in one write), while small writes (codes, the manifest) pass intact. Without <paramref name="holdUntil"/>
/// one byte of each is flipped: the source announces the right digests and serves blocks that fail them, like a
/// disk that rotted in place. With it, each large write waits until that task completes: a slow source, which lets
/// a scenario decide that another source's block is verified first.
/// </summary>
internal sealed class TamperingTransport(ITransport inner, Task? holdUntil = null) : ITransport
{
    /// <summary>Writes at least this long are tampered with; a manifest of a few blocks is far shorter.</summary>
    public const int LargeWrite = 64 * 1024;

    public async ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        new TamperingListener(await inner.BindAsync(endPoint, cancellationToken), holdUntil);

    public ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        inner.ConnectAsync(endPoint, cancellationToken);
}
