using System.Text.Json;
using P2PSim.DirectoryServer;
using P2PSim.Protocol;
using P2PSim.Simulation.Runs.Tests.Model;
using P2PSim.TestKit;

namespace P2PSim.Simulation.Runs.Tests.Scenario;

/// <summary>The end-of-run invariants: the registry against the model, the log store against the operations handled.</summary>
internal sealed partial class SimWorld
{
    /// <summary>Each user's registry entry must be one of the states its model still allows.</summary>
    private void CheckRegistry()
    {
        var snapshot = DirectoryServer!.Registry.Snapshot().ToDictionary(u => u.Name, StringComparer.Ordinal);
        foreach (var peer in Peers)
        {
            var actual = snapshot.TryGetValue(peer.Name, out var user)
                ? new UserState(true, user.Connected, user.Connected ? user.Ip : "", user.Connected ? user.Port : 0,
                    UserState.Join(user.Files.Select(f => f.FileName)))
                : UserState.Absent;
            Trace.Add("registry", $"{peer.Name} {actual}");
            if (!peer.Model.Lost && !peer.Model.Possible.Contains(actual))
            {
                Violation($"registry has {peer.Name} {actual}; the acknowledged operations allow only " +
                          $"{{{string.Join("; ", peer.Model.Possible)}}}");
            }
        }

        foreach (var name in snapshot.Keys.Where(n => Peers.All(p => p.Name != n)))
        {
            Violation($"registry has a user no peer registered: {name}");
        }
    }

    /// <summary>
    /// Every operation the server handled reached the durable log exactly once, in the sink's numbering, with its
    /// user, operation and file.
    /// </summary>
    private void CheckLogStore()
    {
        var handled = Recorder.Records;
        var seen = new Dictionary<ulong, int>();
        var lines = File.Exists(LogStorePath) ? File.ReadAllLines(LogStorePath) : [];
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("sender").GetString() != SenderId)
            {
                Violation($"log store holds an entry from an unknown sender: {line}");
                continue;
            }

            var sequence = root.GetProperty("sequence").GetUInt64();
            seen[sequence] = seen.GetValueOrDefault(sequence) + 1;
            if (sequence == 0 || sequence > (ulong)handled.Count)
            {
                Violation($"log store holds sequence {sequence}, but the server handled {handled.Count} operations");
                continue;
            }

            var record = handled[(int)sequence - 1];
            var user = root.GetProperty("user").GetString();
            var operation = root.GetProperty("operation").GetString();
            var file = root.GetProperty("file").GetString();
            if (user != record.User || operation != record.Operation.WireName() || file != (record.FileName ?? ""))
            {
                Violation($"log entry {sequence} is '{user} {operation} {file}', the server handled " +
                          $"'{record.User} {record.Operation.WireName()} {record.FileName}'");
            }
        }

        for (var sequence = 1UL; sequence <= (ulong)handled.Count; sequence++)
        {
            var count = seen.GetValueOrDefault(sequence);
            if (count != 1)
            {
                Violation($"operation {sequence} ({handled[(int)sequence - 1].Operation.WireName()} " +
                          $"{handled[(int)sequence - 1].User}) is in the log store {count} times, not once");
            }
        }

        Trace.Add("logstore", $"{lines.Length} lines for {handled.Count} handled operations");
    }
}
