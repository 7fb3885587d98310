using P2PSim.Transport;

namespace P2PSim.TestKit;

/// <summary>A server-side connection of <see cref="StallingTransport"/>: reads pass, writes wait until cancelled.</summary>
public sealed class StallingConnection(IConnection inner) : IConnection
{
    private volatile bool _aborted;
    private volatile bool _disposed;

    public bool Aborted => _aborted;

    public bool Disposed => _disposed;

    public string Id => inner.Id;

    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public TransportEndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public Stream Stream { get; } = new StallingStream(inner.Stream);

    public void ShutdownOutput() => inner.ShutdownOutput();

    public void Abort()
    {
        _aborted = true;
        inner.Abort();
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return inner.DisposeAsync();
    }

    private sealed class StallingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await Task.Delay(Timeout.Infinite, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
