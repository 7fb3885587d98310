namespace P2PSim.Simulation.Network;

/// <summary>One end's duplex stream: reads from one pipe, writes to the other.</summary>
internal sealed class SimStream(SimPipe inbound, SimPipe outbound) : Stream
{
    private int _disposed;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inbound.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inbound.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        outbound.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        outbound.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Blocking calls would stop the simulation's only thread: P2PSim code is asynchronous throughout.
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Synchronous reads would block the simulation pump.");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Synchronous writes would block the simulation pump.");

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public void ShutdownOutput() => outbound.CompleteWriter();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            outbound.CompleteWriter();
            inbound.CloseReader();
        }

        base.Dispose(disposing);
    }
}
