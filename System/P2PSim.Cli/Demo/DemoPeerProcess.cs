using System.Diagnostics;
using System.Globalization;
using System.Text;
using P2PSim.Transport;

namespace P2PSim.Cli.Demo;

/// <summary>
/// A demo peer run as a process of its own, <c>p2psim peer</c> (this very executable), so that it can die as a real
/// peer does: killed with SIGKILL, no DISCONNECT sent, its sockets closed by the kernel. Its console goes to the
/// transcript like the in-process peers'; a command is finished when the shell prints its next prompt.
/// </summary>
internal sealed class DemoPeerProcess : IAsyncDisposable
{
    private const string Prompt = "c> ";

    /// <summary>Bound on one command, the process's start included.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly TextWriter _transcript;
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _line = new();
    private readonly Task _reading;
    private readonly Task _started;
    private TaskCompletionSource _prompt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DemoPeerProcess(string name, Process process, TextWriter transcript)
    {
        Name = name;
        _process = process;
        _transcript = transcript;
        _started = _prompt.Task;
        _reading = Task.Run(ReadConsoleAsync);
    }

    public string Name { get; }

    public int Pid => _process.Id;

    /// <summary>
    /// Starts <c>p2psim peer</c> at <paramref name="server"/>, serving <paramref name="shareFolder"/>. It stops by
    /// itself if the demo dies (<c>--parent-pid</c>); its diagnostics go to the demo's stderr.
    /// </summary>
    public static DemoPeerProcess Start(string name, TransportEndPoint server, string shareFolder, TextWriter transcript)
    {
        var info = ThisExecutable.StartInfo(
        [
            "peer", "--directory", server.ToString(), "--share", shareFolder, "--listen-host", "127.0.0.1",
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        ]);
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.WorkingDirectory = shareFolder;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name}: p2psim peer did not start");
        return new DemoPeerProcess(name, process, transcript);
    }

    /// <summary>
    /// Types <paramref name="command"/> and waits for the shell to finish it; returns the lines it printed. Commands
    /// go one at a time: each waits for the prompt after the one before.
    /// </summary>
    public async Task<IReadOnlyList<string>> RunAsync(string command, CancellationToken cancellationToken)
    {
        await WaitBoundedAsync(_started, "its start", cancellationToken); // the shell's first prompt
        int first;
        Task done;
        lock (_gate)
        {
            first = _lines.Count;
            done = _prompt.Task;
        }

        _transcript.WriteLine(TranscriptWriter.Label(Name) + Prompt + command);
        await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        await WaitBoundedAsync(done, command, cancellationToken);
        lock (_gate)
        {
            return _lines[first..];
        }
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Unix): the process ends at once, no clean-up runs.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill();
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(CommandTimeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().WaitAsync(CommandTimeout);
        await _reading.WaitAsync(CommandTimeout);
        _process.Dispose();
    }

    private async Task WaitBoundedAsync(Task prompt, string what, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAny(prompt, _reading).WaitAsync(CommandTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name}: no prompt within {CommandTimeout} after {what}");
        }

        if (!prompt.IsCompleted)
        {
            throw new InvalidOperationException($"{Name}: the shell ended during {what}");
        }
    }

    /// <summary>Reads the console as it comes, so that the prompt, which ends no line, is seen too.</summary>
    private async Task ReadConsoleAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                OnChar(buffer[i]);
            }
        }
    }

    private void OnChar(char value)
    {
        TaskCompletionSource? prompted = null;
        lock (_gate)
        {
            if (value == '\n')
            {
                var text = _line.ToString();
                _line.Clear();
                while (text.StartsWith(Prompt, StringComparison.Ordinal))
                {
                    text = text[Prompt.Length..];
                }

                _lines.Add(text);
                _transcript.WriteLine(TranscriptWriter.Label(Name) + text);
            }
            else if (value != '\r')
            {
                _line.Append(value);
                if (_line.Length % Prompt.Length == 0 && _line.ToString().Replace(Prompt, string.Empty, StringComparison.Ordinal).Length == 0)
                {
                    // A fresh prompt at the start of a line: the shell waits for the next command.
                    prompted = _prompt;
                    _prompt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }

        prompted?.TrySetResult();
    }
}
