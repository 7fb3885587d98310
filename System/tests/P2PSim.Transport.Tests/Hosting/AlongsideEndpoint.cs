using System.Collections.Concurrent;

namespace P2PSim.Transport.Tests.Hosting;

/// <summary>An endpoint run beside the server (as the log service's UDP is) that records when it is stopped.</summary>
internal sealed class AlongsideEndpoint(ConcurrentQueue<string> recorder) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        recorder.Enqueue("alongside stopped");
        return ValueTask.CompletedTask;
    }
}
