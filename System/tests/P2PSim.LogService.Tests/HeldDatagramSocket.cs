using P2PSim.Transport;

namespace P2PSim.LogService.Tests;

/// <summary>
/// A socket whose receive ignores cancellation and disposal and returns (end of socket) only once the test releases
/// it: a receive loop stuck in a slow system call, as far as its owner can tell.
/// </summary>
internal sealed class HeldDatagramSocket(TransportEndPoint localEndPoint) : IDatagramSocket
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TransportEndPoint LocalEndPoint { get; } = localEndPoint;

    public bool Disposed { get; private set; }

    public void Release() => _released.TrySetResult();

    public async ValueTask<ReceivedDatagram?> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _released.Task;
        return null;
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, TransportEndPoint remote, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
