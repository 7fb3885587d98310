namespace P2PSim.Cli.Demo;

/// <summary>
/// Console input for a demo shell, fed one command at a time: <see cref="SendAsync"/> hands the shell a line and
/// returns once the shell asks for the next one, i.e. once the command has finished. That keeps the transcript in
/// causal order across several shells.
/// </summary>
internal sealed class StepInput : TextReader
{
    private readonly object _gate = new();
    private TaskCompletionSource<string?> _line = New<string?>();
    private TaskCompletionSource _waiting = New();

    public async Task SendAsync(string? line)
    {
        Task waiting;
        lock (_gate)
        {
            waiting = _waiting.Task;
        }

        await waiting; // the shell is at its prompt
        TaskCompletionSource<string?> handOver;
        lock (_gate)
        {
            _waiting = New();
            handOver = _line;
        }

        handOver.SetResult(line);
        Task next;
        lock (_gate)
        {
            next = _waiting.Task;
        }

        if (line is not null)
        {
            await next; // the command is done when the shell reads again
        }
    }

    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        Task<string?> line;
        lock (_gate)
        {
            line = _line.Task;
            _waiting.TrySetResult();
        }

        var result = await line.WaitAsync(cancellationToken);
        lock (_gate)
        {
            _line = New<string?>();
        }

        return result;
    }

    public override string? ReadLine() => ReadLineAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    private static TaskCompletionSource<T> New<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
