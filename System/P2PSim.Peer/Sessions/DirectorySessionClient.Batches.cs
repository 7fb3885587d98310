using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.Peer.Sessions;

/// <summary>
/// Batches: many requests from one caller, queued in one lock section and written in one write, answered as one
/// call (the way StackExchange.Redis batches and Npgsql's NpgsqlBatch pipeline a caller's commands). Concurrent
/// callers pipeline too, but each pays for its own wake-up when its reply comes; a batch pays once: replies come in
/// order, so when the last one is in, every one before it is.
/// </summary>
public sealed partial class DirectorySessionClient
{
    // One batch takes its places in the window at a time. Single calls take one place and queue at once, so they
    // never hold a place without a request in flight; two batches each holding part of the window could wait for
    // each other forever.
    private readonly SemaphoreSlim _batchGate = new(1, 1);

    /// <summary>
    /// Sends <paramref name="requests"/> on the session, pipelined, and returns their replies in the same order.
    /// At most the server's window (the <see cref="Terms"/>) per batch.
    /// </summary>
    /// <remarks>
    /// Cancelling <paramref name="cancellationToken"/> gives up the wait only: the requests already queued still go
    /// out, and their replies keep their places in the window until they come.
    /// </remarks>
    /// <exception cref="ArgumentException">More requests than the window, or a field that holds a NUL, a newline or a lone surrogate.</exception>
    /// <exception cref="DirectoryUnavailableException">The session failed, or a reply did not come in time.</exception>
    /// <exception cref="ProtocolException">A reply is malformed (the others are still read).</exception>
    public async Task<IReadOnlyList<DirectoryReply>> SendBatchAsync(IReadOnlyList<DirectoryRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        if (requests.Count > Terms.Window)
        {
            throw new ArgumentException(
                $"A batch holds at most the server's window of {Terms.Window} requests; this one has {requests.Count}: send it in parts.",
                nameof(requests));
        }

        foreach (var request in requests)
        {
            DirectoryClient.Validate(request);
        }

        ThrowIfFailed();
        await TakeWindowAsync(requests.Count, cancellationToken);
        var pendings = new PendingReply[requests.Count];
        for (var i = 0; i < pendings.Length; i++)
        {
            pendings[i] = new PendingReply(requests[i].Operation);
        }

        var last = pendings[^1];
        if (cancellationToken.CanBeCanceled)
        {
            // On the last only: it is the one awaited, and the others are answered before it.
            last.Cancellation = cancellationToken.Register(static (state, token) => ((PendingReply)state!).TrySetCanceled(token), last);
        }

        bool write;
        try
        {
            write = QueueBatch(pendings, requests);
        }
        catch (Exception e) when (e is DirectoryUnavailableException or ObjectDisposedException)
        {
            last.Cancellation.Unregister();
            _window.Release(requests.Count);
            throw;
        }

        if (write)
        {
            await FlushAsync();
        }

        await last.Task; // throws when the caller gave up, the session failed, or the last reply is malformed

        var replies = new DirectoryReply[pendings.Length];
        for (var i = 0; i < pendings.Length; i++)
        {
            // Completed: replies come in order, and the end of the session fails every request still queued.
            replies[i] = await pendings[i].Task;
        }

        return replies;
    }

    /// <summary>Takes <paramref name="count"/> places in the window, or none (then it throws).</summary>
    private async Task TakeWindowAsync(int count, CancellationToken cancellationToken)
    {
        await _batchGate.WaitAsync(cancellationToken);
        var taken = 0;
        try
        {
            for (; taken < count; taken++)
            {
                // The end of the session wakes these waits too (see Fail); the check after each says so.
                await _window.WaitAsync(cancellationToken);
                ThrowIfFailed();
            }
        }
        catch
        {
            if (taken > 0)
            {
                _window.Release(taken);
            }

            throw;
        }
        finally
        {
            _batchGate.Release();
        }
    }
}
