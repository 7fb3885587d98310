using System.Security.Cryptography;
using System.Text;

namespace P2PSim.Simulation.Runtime;

/// <summary>
/// The event trace of a run: one line per connect, delivery, fault and operation, stamped with virtual time, folded
/// into a SHA-256 as it grows. Two runs behaved the same exactly when their hashes match. The last lines are kept
/// for failure reports.
/// </summary>
public sealed class SimTrace(SimClock clock, int keepLast = 400)
{
    private readonly object _gate = new();
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Queue<string> _tail = new();
    private readonly Dictionary<string, long> _categories = new(StringComparer.Ordinal);

    /// <summary>Events recorded so far.</summary>
    public long Count { get; private set; }

    /// <summary>Every line, when set before the run (for debugging a seed); null keeps only the tail.</summary>
    public List<string>? All { get; init; }

    /// <summary>Records one event.</summary>
    public void Add(string category, string text)
    {
        var line = $"{clock.Elapsed.TotalMilliseconds:0.###} {category} {text}";
        lock (_gate)
        {
            _hash.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
            Count++;
            _categories[category] = _categories.GetValueOrDefault(category) + 1;
            All?.Add(line);
            _tail.Enqueue(line);
            if (_tail.Count > keepLast)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>Events recorded so far in <paramref name="category"/> (<c>reset</c>, <c>crash</c>, <c>partition</c>…).</summary>
    public long CountOf(string category)
    {
        lock (_gate)
        {
            return _categories.GetValueOrDefault(category);
        }
    }

    /// <summary>The hash of every line so far, as hex.</summary>
    public string Hash()
    {
        lock (_gate)
        {
            return Convert.ToHexStringLower(_hash.GetCurrentHash());
        }
    }

    /// <summary>The last lines recorded.</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
        {
            return [.. _tail];
        }
    }
}
