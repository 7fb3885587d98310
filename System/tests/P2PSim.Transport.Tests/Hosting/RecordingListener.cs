using System.Collections.Concurrent;

namespace P2PSim.Transport.Tests.Hosting;

/// <summary>A listener that never yields a connection and records when it is unbound.</summary>
internal sealed class RecordingListener(ConcurrentQueue<string> recorder) : IConnectionListener
{
    private int _disposals;

    public int Disposals => Volatile.Read(ref _disposals);

    public TransportEndPoint LocalEndPoint { get; } = new("test", 4242);

    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return null;
    }

    public ValueTask DisposeAsync()
    {
        Interlocked.Increment(ref _disposals);
        recorder.Enqueue("unbind");
        return ValueTask.CompletedTask;
    }
}
