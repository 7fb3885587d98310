namespace P2PSim.Cli.Hosting;

/// <summary>
/// Standard input for the shell. <c>Console.In.ReadLineAsync</c> reads synchronously on the caller's thread and
/// returns a completed task, so a shell waiting for its next command could not notice SIGINT/SIGTERM (or its
/// parent's exit) until a line arrived. Here each read runs on the thread pool: the shell races it against the
/// token, and a read abandoned that way dies with the process.
/// </summary>
internal sealed class ConsoleInput(TextReader inner) : TextReader
{
    public override string? ReadLine() => inner.ReadLine();

    public override Task<string?> ReadLineAsync() => Task.Run(inner.ReadLine);

    public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        new(Task.Run(inner.ReadLine, CancellationToken.None));

    public override int Peek() => inner.Peek();

    public override int Read() => inner.Read();
}
