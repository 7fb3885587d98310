using P2PSim.Transport;

namespace P2PSim.LogService.Tests;

/// <summary>
/// A datagram transport whose binds fail as scripted (by attempt number), then bind <see cref="HeldDatagramSocket"/>s:
/// what the host's UDP bind retry and the endpoint's shutdown are tested against.
/// </summary>
internal sealed class ScriptedDatagramTransport(Func<int, Exception?> failure) : IDatagramTransport
{
    private readonly List<TransportEndPoint> _binds = [];

    /// <summary>Every address asked for, in order.</summary>
    public IReadOnlyList<TransportEndPoint> Binds
    {
        get
        {
            lock (_binds)
            {
                return [.. _binds];
            }
        }
    }

    public HeldDatagramSocket? Socket { get; private set; }

    public ValueTask<IDatagramSocket> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        int attempt;
        lock (_binds)
        {
            _binds.Add(endPoint);
            attempt = _binds.Count;
        }

        if (failure(attempt) is { } error)
        {
            throw error;
        }

        Socket = new HeldDatagramSocket(endPoint);
        return ValueTask.FromResult<IDatagramSocket>(Socket);
    }
}
