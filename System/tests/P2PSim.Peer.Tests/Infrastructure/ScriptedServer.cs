using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>
/// A fake peer or directory server with a scripted behaviour per connection: what classic implementations do
/// (other result encodings, size prefixes, names-only lists) and what broken ones do (close mid-transfer, go silent).
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly IConnectionListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;
    private readonly List<Task> _handlers = [];
    private int _accepted;

    private ScriptedServer(IConnectionListener listener, Func<IConnection, CancellationToken, Task> handle)
    {
        _listener = listener;
        _run = RunAsync(handle);
    }

    public TransportEndPoint EndPoint => _listener.LocalEndPoint;

    public int Accepted => Volatile.Read(ref _accepted);

    public static async Task<ScriptedServer> StartAsync(ITransport transport, Func<IConnection, CancellationToken, Task> handle) =>
        new(await transport.BindAsync(TestNetwork.AnyPort), handle);

    /// <summary>Reads until <paramref name="fields"/> NUL-terminated fields have arrived (or the client closes).</summary>
    public static async Task<byte[]> ReadFieldsAsync(Stream stream, int fields, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[1024];
        while (received.Count(b => b == 0) < fields)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        return [.. received];
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _listener.DisposeAsync();
        await _run;
        Task[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        // Handlers end on cancellation; their own failures are the test's business, not the fixture's.
        await Task.WhenAll(handlers.Select(h => h.ContinueWith(_ => { }, TaskScheduler.Default)).ToArray());
        _stopping.Dispose();
    }

    private async Task RunAsync(Func<IConnection, CancellationToken, Task> handle)
    {
        try
        {
            while (await _listener.AcceptAsync(_stopping.Token) is { } connection)
            {
                Interlocked.Increment(ref _accepted);
                var handler = Task.Run(async () =>
                {
                    await using (connection)
                    {
                        await handle(connection, _stopping.Token);
                    }
                });
                lock (_handlers)
                {
                    _handlers.Add(handler);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
