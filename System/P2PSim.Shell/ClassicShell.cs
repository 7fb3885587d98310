using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Transport;

namespace P2PSim.Shell;

/// <summary>
/// The classic interactive client (spec §4): prints <c>c&gt; </c>, reads a line, runs it, prints the spec's
/// messages, until QUIT or end of input (which behaves like QUIT, so piped scripts end cleanly). Only console
/// lines go to <c>output</c>; explanations of failures go to the logger.
/// </summary>
public sealed class ClassicShell
{
    /// <summary>Exit code when the host cancelled the session (as a shell reports SIGINT).</summary>
    public const int CancelledExitCode = 130;

    private readonly ClassicShellOptions _options;
    private readonly ITransport _transport;
    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly ILogger _logger;

    public ClassicShell(ClassicShellOptions options, ITransport transport, TextReader input, TextWriter output, ILogger? logger = null)
    {
        _options = options;
        _transport = transport;
        _input = input;
        _output = output;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Runs the session. Returns 0 after QUIT or end of input; <see cref="CancelledExitCode"/> when
    /// <paramref name="cancellationToken"/> stops it (the connected user, if any, is still disconnected).
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var session = new ShellSession(_options, _transport, _logger);
        try
        {
            while (true)
            {
                await WriteAsync(ShellMessages.Prompt, newLine: false, cancellationToken);
                var line = await ReadLineAsync(cancellationToken);
                var parsed = line is null
                    ? ParsedLine.Of(new ShellCommand(ShellVerb.Quit, []))
                    : ShellParser.Parse(line);
                if (parsed.Error is { } error)
                {
                    await WriteAsync(error, newLine: true, cancellationToken);
                }

                if (parsed.Command is not { } command)
                {
                    continue;
                }

                if (command.Verb is ShellVerb.Account or ShellVerb.Login)
                {
                    await WriteAsync(ShellMessages.PasswordPrompt, newLine: false, cancellationToken);
                    var password = _options.ReadSecret is { } readSecret
                        ? await readSecret(cancellationToken)
                        : await ReadLineAsync(cancellationToken);
                    command = command with { Arguments = [command[0], password ?? string.Empty] };
                }

                foreach (var output in await session.ExecuteAsync(command, cancellationToken))
                {
                    await WriteAsync(output, newLine: true, cancellationToken);
                }

                if (command.Verb == ShellVerb.Quit)
                {
                    return 0;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CancelledExitCode; // disposing the session disconnects and stops the file server
        }
    }

    /// <summary>
    /// Reads a line, giving up when <paramref name="cancellationToken"/> fires. Console input ignores the token
    /// once a read has started, so the read is raced against it: on cancellation the session still ends (and
    /// disconnects its user) while the abandoned read dies with the process.
    /// </summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var read = _input.ReadLineAsync(cancellationToken).AsTask();
        if (read.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            return await read;
        }

        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), cancelled))
        {
            // An array: Coyote does not intercept the span overload of WhenAny.
            if (await Task.WhenAny(new Task[] { read, cancelled.Task }) != read)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return await read;
    }

    private async Task WriteAsync(string text, bool newLine, CancellationToken cancellationToken)
    {
        if (newLine)
        {
            await _output.WriteLineAsync(text.AsMemory(), cancellationToken);
        }
        else
        {
            await _output.WriteAsync(text.AsMemory(), cancellationToken);
        }

        // Flushed at once: the prompt must show before the read, and a piped reader sees each line as it happens.
        await _output.FlushAsync(cancellationToken);
    }
}
