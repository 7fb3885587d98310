using System.Threading.Channels;
using P2PSim.DirectoryServer;
using P2PSim.Protocol;

namespace P2PSim.Cli.Hosting;

/// <summary>
/// Prints the classic server console line, <c>s&gt; OPERATION &lt;op&gt; FROM &lt;user&gt;</c>, per request. Requests
/// only enqueue (the sink must never block a session, e.g. when stdout is a pipe nobody reads); one background task
/// writes and flushes in batches. When the queue is full, lines are dropped and counted rather than slowing clients.
/// </summary>
internal sealed class ConsoleOperationSink : IOperationSink, IAsyncDisposable
{
    private readonly Channel<OperationRecord> _queue =
        Channel.CreateBounded<OperationRecord>(new BoundedChannelOptions(65536) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly TextWriter _output;
    private readonly Task _writer;
    private long _dropped;

    public ConsoleOperationSink(TextWriter output)
    {
        _output = output;
        _writer = Task.Run(WriteLinesAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void OnOperation(OperationRecord record)
    {
        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLinesAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var record))
            {
                await _output.WriteLineAsync($"s> OPERATION {record.Operation.WireName()} FROM {record.User}");
            }

            await _output.FlushAsync();
        }
    }
}
