using System.Buffers;
using System.Security.Cryptography;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Transport.Timing;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// Fetches blocks from one extension-speaking source over one connection, keeping
/// <see cref="MultiSourceOptions.RequestsInFlightPerSource"/> range requests ahead of the replies. Every block is
/// verified before it is written. A broken connection gives back only the blocks in flight on it and is made
/// again; a corrupt block, a timeout or a refused range is a fault, and a source with too many faults is dropped.
/// So is a source whose connections keep breaking before they deliver a block.
/// </summary>
internal sealed class SourceWorker(DownloadContext context, int id, SourceStats stats)
{
    private readonly Queue<int> _inFlight = new();

    /// <summary>True once a block arrived intact on the current connection (an endgame duplicate too: it is serving).</summary>
    private bool _deliveredOnConnection;

    /// <summary>Connections in a row that broke before delivering a block; any delivered block starts it again.</summary>
    private int _connectionsWithoutBlock;

    /// <summary>Runs until the download completes or fails, or this source is dropped.</summary>
    public async Task RunAsync(SourceChannel? channel, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            while (!context.Board.IsComplete && context.Board.Failure is null)
            {
                if (channel is null)
                {
                    (channel, var refusal) = await ReconnectAsync(attempts, cancellationToken);
                    if (refusal is not null)
                    {
                        Drop(refusal);
                        return;
                    }
                }

                if (channel is null)
                {
                    attempts++;
                    if (attempts > context.Options.MaxReconnectAttempts)
                    {
                        Drop($"unreachable after {attempts} attempts");
                        return;
                    }

                    continue;
                }

                attempts = 0;
                var outcome = await ServeAsync(channel, cancellationToken);
                GiveBack(refused: false);
                await channel.DisposeAsync();
                channel = null;
                if (outcome is not null)
                {
                    Drop(outcome);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The download finished or was cancelled: in-flight endgame copies are simply abandoned.
        }
        finally
        {
            GiveBack(refused: false);
            if (channel is not null)
            {
                channel.Abort();
                await channel.DisposeAsync();
            }

            context.Board.WorkerEnded();
        }
    }

    /// <summary>
    /// Requests and receives blocks until there is nothing left for this source. Returns null to reconnect (or
    /// finish), or the reason to drop the source.
    /// </summary>
    private async Task<string?> ServeAsync(SourceChannel channel, CancellationToken cancellationToken)
    {
        var manifest = context.Manifest;
        var buffer = ArrayPool<byte>.Shared.Rent(manifest.BlockSize);
        _deliveredOnConnection = false;
        try
        {
            while (true)
            {
                Refill(channel);
                try
                {
                    await channel.FlushAsync(cancellationToken);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    return ConnectionLost(e);
                }

                if (_inFlight.Count == 0)
                {
                    // Stryker disable once Logical,Boolean,Block : a worker that waits on instead of returning is stopped by the download, which cancels every worker once the board is complete or failed
                    if (context.Board.IsComplete || context.Board.Failure is not null)
                    {
                        return null;
                    }

                    await context.Board.WaitAsync(context.Board.WaitForChangeAsync(), cancellationToken);
                    continue;
                }

                var block = _inFlight.Peek();
                var bytes = buffer.AsMemory(0, manifest.LengthOf(block));
                using (var linked = new LinkedDeadline(context.Options.BlockTimeout, context.Options.TimeProvider, cancellationToken))
                {
                    try
                    {
                        await channel.ReadRangeAsync(bytes, linked.Token);
                    }
                    catch (OperationCanceledException) when (linked.Expired && !cancellationToken.IsCancellationRequested)
                    {
                        channel.Abort();
                        return Fault($"block {block} did not arrive within {context.Options.BlockTimeout.TotalSeconds:0.#} s");
                    }
                    catch (SourceRefusedException e) when (e.FileChanged)
                    {
                        return "the file changed on this source";
                    }
                    catch (SourceRefusedException e)
                    {
                        return Fault(e.Message);
                    }
                    catch (Exception e) when (e is IOException or ObjectDisposedException or ProtocolException)
                    {
                        return ConnectionLost(e);
                    }
                }

                _inFlight.Dequeue();
                if (!SHA256.HashData(bytes.Span).AsSpan().SequenceEqual(manifest.BlockHashes[block]))
                {
                    stats.CorruptBlocks++;
                    context.Board.Release(block, id, refused: true);
                    Log.CorruptBlock(context.Logger, stats.Source.ToString(), block, context.FileName);
                    if (Fault($"block {block} failed verification") is { } reason)
                    {
                        return reason;
                    }

                    continue;
                }

                _deliveredOnConnection = true;
                _connectionsWithoutBlock = 0;
                await StoreAsync(block, bytes, cancellationToken);
            }
        }
        finally
        {
            // Stryker disable once Statement : a buffer not returned is left to the garbage collector; the pool rents a new one
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The connection broke: its blocks in flight go back (in the caller), and the source is tried again, unless
    /// too many of its connections in a row broke before delivering a block (returns the reason to drop it then).
    /// </summary>
    private string? ConnectionLost(Exception e)
    {
        stats.Reconnects++;
        Log.SourceConnectionLost(context.Logger, stats.Source.ToString(), e.Message);
        if (!_deliveredOnConnection)
        {
            _connectionsWithoutBlock++;
        }

        return _connectionsWithoutBlock >= context.Options.MaxConnectionsWithoutBlock
            ? $"its connection broke {_connectionsWithoutBlock} times in a row before delivering a block"
            : null;
    }

    private async Task StoreAsync(int block, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (context.Board.IsDone(block))
        {
            context.Board.TryComplete(block, id); // just drops this source from the block's holders
            stats.Duplicates++;
            return;
        }

        context.File.Write(block, bytes.Span);
        if (context.Board.TryComplete(block, id))
        {
            stats.Blocks++;
            stats.Bytes += bytes.Length;
            context.BlockDone();
        }
        else
        {
            stats.Duplicates++;
        }
    }

    private void Refill(SourceChannel channel)
    {
        while (_inFlight.Count < context.Options.RequestsInFlightPerSource && context.Board.TryTake(id, out var block))
        {
            var manifest = context.Manifest;
            channel.Queue(new RangeRequest(context.FileName, manifest.Version, manifest.OffsetOf(block), manifest.LengthOf(block)));
            _inFlight.Enqueue(block);
        }
    }

    /// <summary>Counts a fault; returns the reason to drop the source once it has too many, else null (reconnect).</summary>
    private string? Fault(string what)
    {
        stats.Faults++;
        Log.SourceFault(context.Logger, stats.Source.ToString(), what, stats.Faults, context.Options.MaxFaultsPerSource);
        return stats.Faults >= context.Options.MaxFaultsPerSource ? $"{stats.Faults} faults, the last: {what}" : null;
    }

    /// <summary>
    /// Connects again after a pause that doubles with each failed attempt. Returns no channel and no reason when the
    /// source is still unreachable (try again), or a reason to drop it when it is back with another version.
    /// </summary>
    private async Task<(SourceChannel? Channel, string? Drop)> ReconnectAsync(int attempt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromTicks(Math.Min(
            context.Options.ReconnectDelay.Ticks << Math.Min(attempt, 16), TimeSpan.FromSeconds(2).Ticks));
        await ClockDelay.DelayAsync(delay, context.Options.TimeProvider, cancellationToken);
        SourceChannel? channel = null;
        using var linked = new LinkedDeadline(context.Options.ConnectTimeout, context.Options.TimeProvider, cancellationToken);
        try
        {
            channel = await SourceChannel.ConnectAsync(context.Transport, stats.Source.EndPoint, linked.Token);
            var manifest = await channel.GetManifestAsync(context.FileName, linked.Token);
            if (manifest is null || !manifest.SameContentAs(context.Manifest))
            {
                // Back with another version of the file (or none): its blocks would not verify.
                await channel.DisposeAsync();
                return (null, manifest is null ? "it no longer serves the manifest" : "the file changed on this source");
            }

            return (channel, null);
        }
        catch (SourceRefusedException e)
        {
            await channel!.DisposeAsync();
            return (null, e.Message);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or ProtocolException or P2PSim.Transport.ConnectionRefusedException
                                      || (e is OperationCanceledException && linked.Expired && !cancellationToken.IsCancellationRequested))
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            Log.SourceConnectionLost(context.Logger, stats.Source.ToString(), e.Message);
            return (null, null);
        }
    }

    /// <summary>Returns every block in flight on this source to the board.</summary>
    private void GiveBack(bool refused)
    {
        while (_inFlight.TryDequeue(out var block))
        {
            context.Board.Release(block, id, refused);
        }
    }

    private void Drop(string reason)
    {
        if (stats.DroppedReason is null)
        {
            stats.DroppedReason = reason;
            Log.SourceDropped(context.Logger, stats.Source.ToString(), reason);
            GiveBack(refused: false);
            context.Board.SourceGone(id);
        }
    }
}
