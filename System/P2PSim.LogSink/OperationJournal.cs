using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using P2PSim.Rpc;
using P2PSim.Rpc.Xdr;

namespace P2PSim.LogSink;

/// <summary>
/// The spill file: a FIFO of XDR-encoded <see cref="LogEntry"/> records, each behind a 4-byte big-endian length,
/// appended at the end and read from a durable offset kept in <c>&lt;path&gt;.state</c> (with the highest sequence
/// number issued or reserved, so a sink restarted with the same sender id, even after a crash, does not reuse numbers). Not thread-safe: the sink
/// calls it under its lock. Appends go through the file's buffer and reach the OS when the sender next reads the
/// journal (every read seeks, which flushes) or when it closes: an append sits on the request path of every
/// operation while the log service is behind, so it must not cost a system call each. A crash can lose the
/// buffered tail, as it loses the entries still queued in memory; a graceful stop loses nothing. When everything
/// is read the file is truncated, so it only grows while the log service is behind.
/// </summary>
internal sealed class OperationJournal : IDisposable
{
    private const int HeaderBytes = 4;
    private const int MaxRecordBytes = 4096;

    private readonly string _statePath;
    private readonly FileStream _file;
    private long _readOffset;
    private bool _positionedAtEnd;

    public OperationJournal(string path)
    {
        Path = path;
        _statePath = path + ".state";
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 64 * 1024);
        LoadState();
        Recover();
    }

    public string Path { get; }

    /// <summary>Records appended and not yet acknowledged.</summary>
    public long Unread { get; private set; }

    /// <summary>The highest sequence number this journal has seen issued (state file or records).</summary>
    public ulong LastSequence { get; private set; }

    public void Append(LogEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Frame(buffer, entry);
        if (!_positionedAtEnd)
        {
            _file.Seek(0, SeekOrigin.End); // a seek flushes the buffer: only when a read moved the position
            _positionedAtEnd = true;
        }

        _file.Write(buffer.WrittenSpan);
        Unread++;
    }

    /// <summary>
    /// Durably reserves sequence numbers up to <paramref name="upTo"/> before the sink issues them: after a crash the
    /// next sink starts above the reservation, so its entries never look like duplicates of this run's.
    /// </summary>
    public void Reserve(ulong upTo) => SaveState(upTo);

    /// <summary>Reads up to <paramref name="max"/> records from the read offset without consuming them.</summary>
    public PendingBatch ReadBatch(int max)
    {
        var entries = new List<LogEntry>((int)Math.Min(max, Unread));
        var offset = _readOffset;
        _positionedAtEnd = false;
        _file.Seek(offset, SeekOrigin.Begin);
        var header = new byte[HeaderBytes];
        while (entries.Count < max && entries.Count < Unread)
        {
            _file.ReadExactly(header);
            var payload = new byte[BinaryPrimitives.ReadInt32BigEndian(header)];
            _file.ReadExactly(payload);
            var reader = new XdrReader(payload);
            entries.Add(LogEntry.Decode(ref reader));
            offset += HeaderBytes + payload.Length;
        }

        return new PendingBatch(entries, FromJournal: true, offset);
    }

    /// <summary>Consumes a delivered batch read by <see cref="ReadBatch"/>; truncates the file once all is read.</summary>
    public void Acknowledge(PendingBatch batch, ulong lastSequence)
    {
        Unread -= batch.Entries.Count;
        _readOffset = batch.NextJournalOffset;
        if (Unread == 0)
        {
            _file.SetLength(0);
            _readOffset = 0;
            _positionedAtEnd = false;
        }

        SaveState(lastSequence);
    }

    /// <summary>
    /// Puts <paramref name="older"/> (entries still in memory, which precede every journal record) in front of the
    /// unread records, rewriting the file so the next sink starts with them in order, then closes the file.
    /// </summary>
    public void Close(IReadOnlyCollection<LogEntry> older, ulong lastSequence)
    {
        if (older.Count > 0)
        {
            var buffer = new ArrayBufferWriter<byte>();
            foreach (var entry in older)
            {
                Frame(buffer, entry);
            }

            _positionedAtEnd = false;
            _file.Seek(_readOffset, SeekOrigin.Begin);
            var rest = new byte[_file.Length - _readOffset];
            _file.ReadExactly(rest);
            _file.SetLength(0);
            _file.Write(buffer.WrittenSpan);
            _file.Write(rest);
            _file.Flush();
            _readOffset = 0;
            Unread += older.Count;
        }

        _file.Flush();

        // A graceful stop knows the real last number: the next sink continues from it, without the reservation's gap.
        LastSequence = lastSequence;
        SaveState(lastSequence);
        _file.Dispose();
    }

    public void Dispose() => _file.Dispose();

    private static void Frame(ArrayBufferWriter<byte> output, LogEntry entry)
    {
        var payload = new ArrayBufferWriter<byte>(256);
        entry.Encode(new XdrWriter(payload));
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(HeaderBytes), payload.WrittenCount);
        output.Advance(HeaderBytes);
        output.Write(payload.WrittenSpan);
    }

    private void LoadState()
    {
        if (!File.Exists(_statePath))
        {
            return;
        }

        var parts = File.ReadAllText(_statePath).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 &&
            long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) &&
            ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            _readOffset = offset;
            LastSequence = sequence;
        }
    }

    private void SaveState(ulong lastSequence)
    {
        LastSequence = Math.Max(LastSequence, lastSequence);
        var temp = _statePath + ".tmp";
        File.WriteAllText(temp, string.Create(CultureInfo.InvariantCulture, $"{_readOffset} {LastSequence}"));
        File.Move(temp, _statePath, overwrite: true);
    }

    /// <summary>
    /// Counts the unread records and cuts the file after the last complete one: a crash mid-append leaves a torn
    /// tail, which is dropped rather than read as garbage.
    /// </summary>
    private void Recover()
    {
        if (_readOffset > _file.Length)
        {
            _readOffset = 0;
        }

        var offset = _readOffset;
        var header = new byte[HeaderBytes];
        _file.Seek(offset, SeekOrigin.Begin);
        while (true)
        {
            if (_file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
            {
                break;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(header);
            if (length is <= 0 or > MaxRecordBytes)
            {
                break;
            }

            var payload = new byte[length];
            if (_file.ReadAtLeast(payload, length, throwOnEndOfStream: false) < length)
            {
                break;
            }

            try
            {
                var reader = new XdrReader(payload);
                LastSequence = Math.Max(LastSequence, LogEntry.Decode(ref reader).Sequence);
            }
            catch (RpcProtocolException)
            {
                break;
            }

            offset += HeaderBytes + length;
            Unread++;
        }

        _file.SetLength(offset);
        if (Unread == 0)
        {
            _file.SetLength(0);
            _readOffset = 0;
            _positionedAtEnd = false;
        }
    }
}
