namespace P2PSim.Shell.Tests.Infrastructure;

/// <summary>
/// Console input for a shell test: lines, with actions run between them (when the shell asks for the next line,
/// so every earlier command has finished). Lets a test change the world mid-session or wait for another shell.
/// </summary>
internal sealed class ScriptReader : TextReader
{
    private readonly Queue<object> _steps = new();

    public ScriptReader Line(string line)
    {
        _steps.Enqueue(line);
        return this;
    }

    public ScriptReader Lines(params string[] lines)
    {
        foreach (var line in lines)
        {
            _steps.Enqueue(line);
        }

        return this;
    }

    public ScriptReader Then(Func<Task> action) => Then(_ => action());

    public ScriptReader Then(Action action) => Then(_ =>
    {
        action();
        return Task.CompletedTask;
    });

    /// <summary>An action given the shell's cancellation token, e.g. to block like a user who types nothing.</summary>
    public ScriptReader Then(Func<CancellationToken, Task> action)
    {
        _steps.Enqueue(action);
        return this;
    }

    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (_steps.TryDequeue(out var step))
        {
            if (step is string line)
            {
                return line;
            }

            await ((Func<CancellationToken, Task>)step)(cancellationToken);
        }

        return null;
    }

    public override string? ReadLine() => ReadLineAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
