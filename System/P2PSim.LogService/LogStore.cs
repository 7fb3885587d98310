using System.Text;
using System.Text.Json;
using P2PSim.Rpc;

namespace P2PSim.LogService;

/// <summary>
/// The log service's store: prints the classic line <c>&lt;user&gt; &lt;OPERATION&gt;[ &lt;file&gt;] &lt;timestamp&gt;</c>
/// for each new entry and appends it as one JSON line (user, operation, file, timestamp, sender, sequence) to a
/// durable file, flushed to disk before <see cref="Append"/> returns. Entries already seen (same sender and
/// sequence) are skipped; the filter is rebuilt from the file on start, so a retry after a restart is still a
/// duplicate. Sequence 0 means "unnumbered" and is never treated as a duplicate. Thread-safe.
/// </summary>
public sealed class LogStore : ILogStore, IDisposable
{
    private readonly object _gate = new();
    private readonly TextWriter _output;
    private readonly FileStream _file;
    private readonly Dictionary<string, SenderSequences> _senders = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>
    /// Opens (or creates) the durable file at <paramref name="path"/>, reloads the entries already in it, and
    /// prints new entries to <paramref name="output"/>. Unreadable lines (a write cut short by a crash) are skipped.
    /// </summary>
    public LogStore(string path, TextWriter output)
    {
        // Stryker disable once Statement : new FileStream right after throws ArgumentNullException for null and ArgumentException for an empty path, the same types
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            Reload();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    /// <summary>Entries reloaded from the file when the store opened.</summary>
    public int Reloaded { get; private set; }

    /// <inheritdoc/>
    public int Append(IReadOnlyList<LogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            // Stryker disable once Statement : a write to the closed file throws ObjectDisposedException all the same
            ObjectDisposedException.ThrowIf(_disposed, this);
            var added = 0;
            foreach (var entry in entries)
            {
                if (entry.Sequence != 0 && !Sequences(entry.Sender).TryAdd(entry.Sequence))
                {
                    continue;
                }

                _file.Write(ToJsonLine(entry));
                _output.WriteLine(FormatLine(entry));
                added++;
            }

            // Stryker disable once Equality : flushing after an append that added nothing has nothing to flush
            if (added > 0)
            {
                // Durable before the reply acknowledges it: a crash after this loses nothing the sender dropped.
                // Stryker disable once Boolean : the data reaches the file either way; only a power loss could tell
                _file.Flush(flushToDisk: true);
                _output.Flush();
            }

            return added;
        }
    }

    /// <summary>The classic line: user, operation, the file name when there is one, the timestamp.</summary>
    public static string FormatLine(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.FileName.Length == 0
            ? $"{entry.User} {entry.Operation} {entry.Timestamp}"
            : $"{entry.User} {entry.Operation} {entry.FileName} {entry.Timestamp}";
    }

    /// <summary>Closes the file; later appends throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                // Stryker disable once Boolean : a write to the closed file throws ObjectDisposedException all the same
                _disposed = true;
                _file.Dispose();
            }
        }
    }

    internal static byte[] ToJsonLine(LogEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("user", entry.User);
            json.WriteString("operation", entry.Operation);
            json.WriteString("file", entry.FileName);
            json.WriteString("timestamp", entry.Timestamp);
            json.WriteString("sender", entry.Sender);
            json.WriteNumber("sequence", entry.Sequence);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private SenderSequences Sequences(string sender)
    {
        if (!_senders.TryGetValue(sender, out var sequences))
        {
            sequences = new SenderSequences();
            _senders.Add(sender, sequences);
        }

        return sequences;
    }

    private void Reload()
    {
        _file.Position = 0;
        // Stryker disable once Boolean : the store never writes a byte order mark
        using (var reader = new StreamReader(_file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (TryParse(line, out var sender, out var sequence))
                {
                    if (sequence != 0)
                    {
                        Sequences(sender).TryAdd(sequence);
                    }

                    Reloaded++;
                }
            }
        }

        // Stryker disable once Statement : reading every line has left the position at the end already
        _file.Seek(0, SeekOrigin.End);
        if (_file.Length > 0)
        {
            // A crash mid-write can leave a partial last line: end it so the next entry starts on its own line.
            _file.Position = _file.Length - 1;
            var last = _file.ReadByte();
            // Stryker disable once Statement : reading the last byte has left the position at the end already
            _file.Seek(0, SeekOrigin.End);
            if (last != '\n')
            {
                _file.WriteByte((byte)'\n');
                // Stryker disable once Statement,Boolean : the repaired newline reaches the file either way; only a power loss could tell
                _file.Flush(flushToDisk: true);
            }
        }
    }

    private static bool TryParse(string line, out string sender, out ulong sequence)
    {
        // Stryker disable once String : the sender of a line that does not parse is never read
        sender = string.Empty;
        sequence = 0;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("sender", out var senderElement) && senderElement.ValueKind == JsonValueKind.String &&
                root.TryGetProperty("sequence", out var sequenceElement) && sequenceElement.ValueKind == JsonValueKind.Number &&
                sequenceElement.TryGetUInt64(out sequence))
            {
                // Stryker disable once String : GetString never returns null for a JSON string
                sender = senderElement.GetString() ?? string.Empty;
                return true;
            }
        }
        catch (JsonException)
        {
            // A torn or foreign line: skipped.
        }

        return false;
    }
}
