using System.Text;
using P2PSim.LogService;
using P2PSim.LogSink;

namespace P2PSim.Fuzzing.Targets;

/// <summary>
/// The log files read at start-up: the log service's JSON-lines store and the directory server's spill journal with
/// its sequence reservation. Both are opened from real files, as the services open them, in a folder of this process.
/// </summary>
internal static class LogFileTargets
{
    // In memory where there is a tmpfs: the store flushes to disk, which on a real disk costs more than the decoding.
    private static readonly Lazy<string> Folder = new(() =>
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var folder = Path.Combine(root, $"p2psim-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    public static IEnumerable<FuzzTarget> All()
    {
        yield return new FuzzTarget(
            "log-store",
            "The log service's durable file (LogStore's reload: one JSON entry per line, torn lines skipped), opened " +
            "from the input.",
            LogStoreFile);
        yield return new FuzzTarget(
            "sink-journal",
            "The log sink's spill journal and its .state (read offset and sequence reservation): the input's first " +
            "line is the state file, the rest the journal; opened (recovery cuts a torn tail) and read back.",
            SinkJournal);
    }

    private static void LogStoreFile(byte[] input)
    {
        var path = Path.Combine(Folder.Value, "log.jsonl");
        File.WriteAllBytes(path, input);
        using (var store = new LogStore(path, TextWriter.Null))
        {
            var lines = input.Count(b => b == (byte)'\n') + 1;
            if (store.Reloaded > lines)
            {
                throw new FuzzFindingException($"{store.Reloaded} entries reloaded from {lines} lines.");
            }
        }

        File.Delete(path);
    }

    private static void SinkJournal(byte[] input)
    {
        var path = Path.Combine(Folder.Value, "spill.journal");
        var newline = Array.IndexOf(input, (byte)'\n');
        var state = newline < 0 ? input : input[..newline];
        var journal = newline < 0 ? [] : input[(newline + 1)..];
        File.WriteAllBytes(path, journal);
        File.WriteAllText(path + ".state", Encoding.UTF8.GetString(state));
        using (var opened = new OperationJournal(path))
        {
            var batch = opened.ReadBatch(1024);
            if (batch.Entries.Count != Math.Min(1024, opened.Unread))
            {
                throw new FuzzFindingException($"The journal counts {opened.Unread} records and reads {batch.Entries.Count}.");
            }

            if (batch.Entries.Any(e => e.Sequence > opened.LastSequence))
            {
                throw new FuzzFindingException($"A record's sequence is above the journal's last sequence {opened.LastSequence}.");
            }
        }

        File.Delete(path);
        File.Delete(path + ".state");
    }
}
