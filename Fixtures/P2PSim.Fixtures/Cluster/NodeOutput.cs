using System.Text.RegularExpressions;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// What an in-process node printed: its console lines (the same <c>s&gt; OPERATION …</c> and <c>l&gt; …</c> lines the
/// executable prints) and its diagnostics, one entry per line, in order. Safe to append from any thread.
/// </summary>
public sealed class NodeOutput
{
    private readonly object _gate = new();
    private readonly List<string> _lines = [];

    /// <summary>The lines so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
        }
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/>, failing with every line past <paramref name="timeout"/>.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = 0;
        while (true)
        {
            var lines = Lines;
            for (; seen < lines.Count; seen++)
            {
                if (pattern.Match(lines[seen]) is { Success: true } match)
                {
                    return match;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No line matching /{pattern}/ within {timeout}.\n{string.Join('\n', lines)}");
            }

            await Task.Delay(10);
        }
    }
}
