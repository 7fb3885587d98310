using System.Text;
using P2PSim.PropertyTests.Generators;

namespace P2PSim.PropertyTests.Concurrency;

/// <summary>
/// A concurrent test case: <see cref="Setup"/> runs first, one request at a time; then each list of
/// <see cref="Clients"/> runs as one client, in order, all clients at once.
/// </summary>
internal sealed record ConcurrentCase(IReadOnlyList<DirectoryCommand> Setup, IReadOnlyList<IReadOnlyList<DirectoryCommand>> Clients)
{
    public int Count => Setup.Count + Clients.Sum(c => c.Count);

    /// <summary>Requests that run concurrently (all but the setup).</summary>
    public int ConcurrentCount => Clients.Sum(c => c.Count);

    public override string ToString()
    {
        var text = new StringBuilder($"{Count} operations, {Clients.Count} concurrent clients:");
        foreach (var c in Setup)
        {
            text.Append($"{Environment.NewLine}  setup: {c}");
        }

        for (var k = 0; k < Clients.Count; k++)
        {
            text.Append($"{Environment.NewLine}  c{k + 1}: {string.Join(" ; ", Clients[k])}");
        }

        return text.ToString();
    }
}
