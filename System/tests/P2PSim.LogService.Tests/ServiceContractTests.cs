using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Transport.InMemory;

namespace P2PSim.LogService.Tests;

/// <summary>
/// The log service's entry points refuse null arguments up front, a batch with bytes after it is
/// GARBAGE_ARGS like a single entry, and the store writes through its printed output and lets go of its file.
/// </summary>
public sealed class ServiceContractTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("p2psim-logstore-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string StorePath => Path.Combine(_directory, "log.jsonl");

    [Fact]
    public async Task Null_arguments_are_refused_with_their_name()
    {
        var store = new MemoryLogStore();
        var dispatcher = new LogRpcDispatcher(store);
        var transport = new InMemoryNetwork().CreateTransport();
        var endPoint = new P2PSim.Transport.TransportEndPoint("log", 0);
        Assert.Equal("call", Assert.Throws<ArgumentNullException>(() => dispatcher.Handle(null!)).ParamName);
        Assert.Equal("dispatcher", Assert.Throws<ArgumentNullException>(() => new LogServer(null!)).ParamName);
        Assert.Equal("listener", (await Assert.ThrowsAsync<ArgumentNullException>(() => new LogServer(dispatcher).RunAsync(null!, CancellationToken.None))).ParamName);
        Assert.Equal("transport", (await Assert.ThrowsAsync<ArgumentNullException>(() => LogServerHost.StartAsync(null!, datagramTransport: null, endPoint, store))).ParamName);
        Assert.Equal("endPoint", (await Assert.ThrowsAsync<ArgumentNullException>(() => LogServerHost.StartAsync(transport, datagramTransport: null, null!, store))).ParamName);
        Assert.Equal("store", (await Assert.ThrowsAsync<ArgumentNullException>(() => LogServerHost.StartAsync(transport, datagramTransport: null, endPoint, null!))).ParamName);
        Assert.Equal("dispatcher", Assert.Throws<ArgumentNullException>(() => new DatagramLogServer(null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => new LogStore("", TextWriter.Null)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => new LogStore(StorePath, null!)).ParamName);
        Assert.Equal("entry", Assert.Throws<ArgumentNullException>(() => LogStore.FormatLine(null!)).ParamName);
        using var logStore = new LogStore(StorePath, TextWriter.Null);
        Assert.Equal("entries", Assert.Throws<ArgumentNullException>(() => logStore.Append(null!)).ParamName);
    }

    [Fact]
    public void Trailing_bytes_after_a_batch_are_garbage_args_and_store_nothing()
    {
        var store = new MemoryLogStore();
        var arguments = RpcCalls.Encode(w => LogEntry.EncodeBatch(w, [RpcCalls.Entry(1)]));
        var reply = new LogRpcDispatcher(store).Handle(RpcCalls.Call(9, LogProgram.ProcedureLogBatch, [.. arguments, 0, 0, 0, 0]));
        Assert.Equal(AcceptStatus.GarbageArguments, reply.AcceptStatus);
        Assert.Empty(store.Entries);
    }

    [Fact]
    public void Printed_lines_are_flushed_before_append_returns()
    {
        using var printed = new MemoryStream();
        using var output = new StreamWriter(printed) { AutoFlush = false };
        using var store = new LogStore(StorePath, output);
        store.Append([RpcCalls.Entry(1)]);
        Assert.NotEqual(0, printed.Length);
    }

    [Fact]
    public void A_disposed_store_lets_go_of_its_file()
    {
        var store = new LogStore(StorePath, TextWriter.Null);
        store.Append([RpcCalls.Entry(1)]);
        store.Dispose();

        using var exclusive = new FileStream(StorePath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(exclusive.Length > 0);
    }

    [Fact]
    public void The_filter_keeps_exactly_its_bound_of_numbers_above_a_gap()
    {
        var sequences = new SenderSequences();
        for (ulong i = 2; i <= SenderSequences.MaxPending + 1; i++)
        {
            Assert.True(sequences.TryAdd(i));
        }

        // MaxPending numbers wait above the gap at 1: still within the bound, so 1 is still new.
        Assert.Equal(SenderSequences.MaxPending, sequences.Pending);
        Assert.True(sequences.TryAdd(1));
        Assert.Equal((ulong)SenderSequences.MaxPending + 1, sequences.LowWater);
    }

    [Fact]
    public void Giving_up_the_oldest_gap_keeps_the_later_ones_open()
    {
        var sequences = new SenderSequences();
        for (ulong i = 2; i <= SenderSequences.MaxPending + 1; i++)
        {
            sequences.TryAdd(i);
        }

        // One more above a second gap (at MaxPending + 2) passes the bound: only the gap at 1 is given up.
        var later = (ulong)SenderSequences.MaxPending + 3;
        Assert.True(sequences.TryAdd(later));
        Assert.Equal((ulong)SenderSequences.MaxPending + 1, sequences.LowWater);
        Assert.Equal(1, sequences.Pending);
        Assert.False(sequences.TryAdd(1));
        Assert.True(sequences.TryAdd(later - 1));
        Assert.Equal(later, sequences.LowWater);
    }
}
