namespace P2PSim.Transport.InMemory;

/// <summary>
/// One direction of a connection that lives in memory: what <see cref="InMemoryStream"/> reads from and writes to.
/// The in-memory transport's <see cref="ByteChannel"/> is one; the simulated network's pipe, with latency and
/// partitions, is another.
/// </summary>
internal interface IByteChannel
{
    /// <summary>Reads what is there, waiting while nothing is; 0 once the writer completed and all was read.</summary>
    ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken);

    /// <summary>Writes all of <paramref name="source"/>, waiting while the channel is full.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken);

    /// <summary>No more writes: the reader sees the end of the stream after the bytes already written.</summary>
    void CompleteWriter();

    /// <summary>The reader is gone: writers fail from now on.</summary>
    void CloseReader();

    /// <summary>Breaks the channel: both ends fail at once, as with a TCP reset.</summary>
    void Reset();
}
