using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace P2PSim.Fixtures;

/// <summary>
/// A child process with captured output: started, awaited for a ready line, stopped by signal, killed on dispose
/// (so a failing test never leaves servers behind). Output is kept for assertions and for dumping on failure.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();
    private TaskCompletionSource<bool> _lineArrived = NewSignal();

    private ChildProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The process id.</summary>
    public int Pid => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Lines written to stdout so far.</summary>
    public IReadOnlyList<string> StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return [.. _stdout];
            }
        }
    }

    /// <summary>Everything written to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet p2psim.dll ARGS</c>.</summary>
    public static ChildProcess StartP2PSim(params string[] arguments) =>
        Start("dotnet", [RepositoryPaths.P2PSimDll, .. arguments]);

    /// <summary>Starts <c>dotnet p2psim.dll ARGS</c> with <paramref name="environment"/> set (a null value unsets a variable).</summary>
    public static ChildProcess StartP2PSim(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Start("dotnet", [RepositoryPaths.P2PSimDll, .. arguments], environment: environment);

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, stdin left open and empty.</summary>
    public static ChildProcess Start(
        string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => node.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnStderr(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Writes a line to the child's stdin.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for a stdout line matching <paramref name="pattern"/>; fails with the captured output.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                for (; seen < _stdout.Count; seen++)
                {
                    var match = pattern.Match(_stdout[seen]);
                    if (match.Success)
                    {
                        return match;
                    }
                }

                arrived = _lineArrived.Task;
            }

            if (_process.HasExited && arrived.IsCompleted is false)
            {
                await Task.Delay(50); // let the last output events arrive
                lock (_gate)
                {
                    if (seen == _stdout.Count)
                    {
                        throw new InvalidOperationException($"The process exited ({_process.ExitCode}) before printing /{pattern}/.\n{Describe()}");
                    }
                }

                continue;
            }

            try
            {
                await arrived.WaitAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No line matching /{pattern}/ within {timeout}.\n{Describe()}");
            }
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            Signals.Send(_process.Id, Signals.SigTerm);
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The process did not exit within {timeout} of SIGTERM.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process (SIGKILL: no clean-up runs, as in a crash) and waits for it to be gone.</summary>
    public async Task<int> KillAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            Signals.Send(_process.Id, Signals.SigKill);
        }

        return await WaitForExitAsync(timeout);
    }

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The process did not exit within {timeout}.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The command and its captured output, for failure messages.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            return $"--- {_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}\n" +
                   $"--- stdout:\n{string.Join('\n', _stdout)}\n--- stderr:\n{_stderr}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource<bool> arrived;
        lock (_gate)
        {
            _stdout.Add(line);
            arrived = _lineArrived;
            _lineArrived = NewSignal();
        }

        arrived.TrySetResult(true);
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _stderr.AppendLine(line);
        }
    }

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
