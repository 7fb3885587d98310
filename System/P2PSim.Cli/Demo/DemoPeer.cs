using P2PSim.Shell;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.Cli.Demo;

/// <summary>A peer in the demo: a real classic shell (and its file server) driven one command at a time.</summary>
internal sealed class DemoPeer : IAsyncDisposable
{
    private readonly StepInput _input = new();
    private readonly List<string> _lines = [];
    private readonly TextWriter _transcript;
    private readonly Task<int> _shell;

    public DemoPeer(
        string name, TransportEndPoint server, string shareFolder, TextWriter transcript,
        Func<CancellationToken, ValueTask<string?>>? timestamps = null, ITransport? transport = null,
        Func<ClassicShellOptions, ClassicShellOptions>? configure = null)
    {
        Name = name;
        ShareFolder = shareFolder;
        _transcript = transcript;
        var output = TextWriter.Synchronized(new TranscriptWriter(name, transcript, OnLine));
        var options = new ClassicShellOptions(server, shareFolder, Timestamps: timestamps);
        var shell = new ClassicShell(configure?.Invoke(options) ?? options, transport ?? TcpTransport.Instance, _input, output);
        _shell = Task.Run(() => shell.RunAsync());
    }

    public string Name { get; }

    public string ShareFolder { get; }

    /// <summary>
    /// Types <paramref name="command"/> at the prompt and waits for the shell to finish it (or to quit); returns the
    /// lines it printed meanwhile.
    /// </summary>
    public async Task<IReadOnlyList<string>> RunAsync(string command)
    {
        int first;
        lock (_lines)
        {
            first = _lines.Count;
        }

        _transcript.WriteLine(TranscriptWriter.Label(Name) + "c> " + command);
        await Task.WhenAny(_shell, _input.SendAsync(command));
        lock (_lines)
        {
            return _lines[first..];
        }
    }

    /// <summary>Types a password at the shell's password prompt; the transcript shows that one was typed, not what.</summary>
    public async Task TypePasswordAsync(string password)
    {
        _transcript.WriteLine(TranscriptWriter.Label(Name) + "   (a password, not shown)");
        await Task.WhenAny(_shell, _input.SendAsync(password));
    }

    public async ValueTask DisposeAsync()
    {
        // End of input makes a running shell disconnect and quit; a shell that already quit never reads it.
        await Task.WhenAny(_shell, _input.SendAsync(null));
        await _shell;
    }

    private void OnLine(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
