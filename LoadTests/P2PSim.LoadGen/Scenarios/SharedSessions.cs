using P2PSim.Peer.Sessions;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// A few <see cref="DirectorySessionClient"/>s shared by many callers (engine clients): each caller takes a
/// <see cref="Lease"/> on one session, kept in its context, and the last lease disposed closes every session. A
/// session that ended is reopened by the next caller that asks for it.
/// </summary>
internal sealed class SharedSessions(TransportEndPoint server, int count)
{
    private readonly Lock _gate = new();
    private readonly Task<DirectorySessionClient>?[] _sessions = new Task<DirectorySessionClient>?[count];
    private readonly long[] _sequences = new long[count];
    private int _leases;

    public int Count => count;

    /// <summary>A lease on session <paramref name="slot"/> for one caller; dispose it at the end of the run.</summary>
    public Lease Take(int slot)
    {
        lock (_gate)
        {
            _leases++;
        }

        return new Lease(this, slot);
    }

    private async Task<DirectorySessionClient> SessionAsync(int slot, CancellationToken cancellationToken)
    {
        Task<DirectorySessionClient>? ended = null;
        Task<DirectorySessionClient> session;
        lock (_gate)
        {
            session = _sessions[slot] ??= OpenAsync(cancellationToken);
            if (session.IsCompleted && (!session.IsCompletedSuccessfully || !session.Result.IsOpen))
            {
                ended = session;
                session = _sessions[slot] = OpenAsync(cancellationToken);
            }
        }

        if (ended is { IsCompletedSuccessfully: true })
        {
            await ended.Result.DisposeAsync();
        }

        return await session;
    }

    private async Task<DirectorySessionClient> OpenAsync(CancellationToken cancellationToken) =>
        await DirectorySessionClient.TryOpenAsync(TcpTransport.Instance, server, cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException($"{server} declined the session (a classic server, or sessions off)");

    private async ValueTask ReleaseAsync()
    {
        Task<DirectorySessionClient>?[] sessions;
        lock (_gate)
        {
            if (--_leases > 0)
            {
                return;
            }

            sessions = [.. _sessions];
            Array.Clear(_sessions);
        }

        foreach (var session in sessions)
        {
            if (session is { IsCompletedSuccessfully: true })
            {
                await session.Result.DisposeAsync();
            }
        }
    }

    /// <summary>One caller's hold on a session; the session's operation counter orders the mix among its callers.</summary>
    internal sealed class Lease(SharedSessions owner, int slot) : IAsyncDisposable
    {
        public int Slot => slot;

        public Task<DirectorySessionClient> SessionAsync(CancellationToken cancellationToken) => owner.SessionAsync(slot, cancellationToken);

        /// <summary>The next operation number of this session's mix (shared by its callers).</summary>
        public long NextOperation() => Interlocked.Increment(ref owner._sequences[slot]) - 1;

        public ValueTask DisposeAsync() => owner.ReleaseAsync();
    }
}
