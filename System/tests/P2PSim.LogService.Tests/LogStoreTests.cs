using System.Text.Json;
using P2PSim.Rpc;

namespace P2PSim.LogService.Tests;

public sealed class LogStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "p2psim-logstore-" + Path.GetRandomFileName());

    public LogStoreTests() => Directory.CreateDirectory(_directory);

    private string FilePath => Path.Combine(_directory, "log.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Classic_line_with_file_is_exact()
    {
        var entry = new LogEntry("alice", "PUBLISH", "song.mp3", "24/11/2026 21:05:09", "dir-1", 1);
        Assert.Equal("alice PUBLISH song.mp3 24/11/2026 21:05:09", LogStore.FormatLine(entry));
    }

    [Fact]
    public void Classic_line_without_file_is_exact()
    {
        var entry = new LogEntry("bob", "LIST_USERS", "", "01/02/2026 03:04:05", "dir-1", 1);
        Assert.Equal("bob LIST_USERS 01/02/2026 03:04:05", LogStore.FormatLine(entry));
    }

    [Fact]
    public void Append_prints_lines_and_writes_json()
    {
        var output = new StringWriter { NewLine = "\n" };
        using (var store = new LogStore(FilePath, output))
        {
            Assert.Equal(2, store.Append([RpcCalls.Entry(1, file: "a.txt"), RpcCalls.Entry(2)]));
        }

        Assert.Equal("alice PUBLISH a.txt 24/11/2026 21:05:09\nalice LIST_USERS 24/11/2026 21:05:09\n", output.ToString());
        var lines = File.ReadAllLines(FilePath);
        Assert.Equal(2, lines.Length);
        using var json = JsonDocument.Parse(lines[0]);
        var root = json.RootElement;
        Assert.Equal("alice", root.GetProperty("user").GetString());
        Assert.Equal("PUBLISH", root.GetProperty("operation").GetString());
        Assert.Equal("a.txt", root.GetProperty("file").GetString());
        Assert.Equal("24/11/2026 21:05:09", root.GetProperty("timestamp").GetString());
        Assert.Equal("dir-1", root.GetProperty("sender").GetString());
        Assert.Equal(1ul, root.GetProperty("sequence").GetUInt64());
    }

    [Fact]
    public void Same_sender_and_sequence_twice_prints_one_line()
    {
        var output = new StringWriter();
        using var store = new LogStore(FilePath, output);
        Assert.Equal(1, store.Append([RpcCalls.Entry(1)]));
        Assert.Equal(0, store.Append([RpcCalls.Entry(1)]));
        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Same_sequence_from_another_sender_is_new()
    {
        using var store = new LogStore(FilePath, TextWriter.Null);
        Assert.Equal(2, store.Append([RpcCalls.Entry(1, "dir-1"), RpcCalls.Entry(1, "dir-2")]));
    }

    [Fact]
    public void Out_of_order_and_retried_sequences_are_each_logged_once()
    {
        using var store = new LogStore(FilePath, TextWriter.Null);
        Assert.Equal(2, store.Append([RpcCalls.Entry(3), RpcCalls.Entry(1)]));
        Assert.Equal(1, store.Append([RpcCalls.Entry(1), RpcCalls.Entry(2), RpcCalls.Entry(3)]));
        Assert.Equal(1, store.Append([RpcCalls.Entry(2), RpcCalls.Entry(4)]));
    }

    [Fact]
    public void Restart_ignores_an_entry_already_in_the_file()
    {
        using (var first = new LogStore(FilePath, TextWriter.Null))
        {
            first.Append([RpcCalls.Entry(1), RpcCalls.Entry(2)]);
        }

        var output = new StringWriter();
        using var second = new LogStore(FilePath, output);
        Assert.Equal(2, second.Reloaded);
        Assert.Equal(0, second.Append([RpcCalls.Entry(2)]));
        Assert.Equal(1, second.Append([RpcCalls.Entry(3)]));
        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(3, File.ReadAllLines(FilePath).Length);
    }

    [Fact]
    public void Torn_last_line_is_skipped_and_the_next_entry_starts_a_new_line()
    {
        using (var first = new LogStore(FilePath, TextWriter.Null))
        {
            first.Append([RpcCalls.Entry(1)]);
        }

        File.AppendAllText(FilePath, "{\"user\":\"al");
        using (var second = new LogStore(FilePath, TextWriter.Null))
        {
            Assert.Equal(1, second.Reloaded);
            Assert.Equal(1, second.Append([RpcCalls.Entry(2)]));
        }

        using var third = new LogStore(FilePath, TextWriter.Null);
        Assert.Equal(2, third.Reloaded);
    }

    [Fact]
    public void Durable_file_is_readable_while_open()
    {
        using var store = new LogStore(FilePath, TextWriter.Null);
        store.Append([RpcCalls.Entry(1)]);
        using var reader = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Assert.True(reader.Length > 0);
    }

    [Fact]
    public void Append_after_dispose_throws_object_disposed()
    {
        var store = new LogStore(FilePath, TextWriter.Null);
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.Append([RpcCalls.Entry(1)]));
    }

    [Fact]
    public void Sequence_filter_prunes_below_the_low_water_mark()
    {
        var sequences = new SenderSequences();
        for (ulong i = 1; i <= 1000; i++)
        {
            Assert.True(sequences.TryAdd(i));
        }

        Assert.Equal(1000ul, sequences.LowWater);
        Assert.Equal(0, sequences.Pending);
        Assert.False(sequences.TryAdd(500));
        Assert.True(sequences.TryAdd(1002));
        Assert.Equal(1, sequences.Pending);
        Assert.True(sequences.TryAdd(1001));
        Assert.Equal(1002ul, sequences.LowWater);
    }

    [Fact]
    public void Sequence_filter_gives_up_the_oldest_gap_past_its_bound()
    {
        var sequences = new SenderSequences();
        for (ulong i = 2; i <= SenderSequences.MaxPending + 2; i++)
        {
            sequences.TryAdd(i);
        }

        Assert.True(sequences.Pending <= SenderSequences.MaxPending);
        Assert.Equal((ulong)SenderSequences.MaxPending + 2, sequences.LowWater);
    }
}
