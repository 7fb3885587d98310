using P2PSim.Fixtures;
using P2PSim.Simulation.Runs.Tests.Runs;
using Xunit.Abstractions;

namespace P2PSim.Simulation.Runs.Tests.Tests;

/// <summary>
/// A whole-system seed's capture (docs/wireshark.md) read by Debian's tshark with P2PSim's dissector: every
/// operation the log service was sent decodes, with its user and file, among the directory requests on the wire,
/// each request has its reply, and nothing is malformed, faults (resets, refusals) included.
/// </summary>
public sealed class SeedCaptureTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"p2psim-seed-{Guid.NewGuid():N}.pcapng");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task A_seeds_capture_decodes_its_operations_and_log_entries()
    {
        SimulationResult result;
        using (var capture = File.Create(_path))
        {
            result = SimulationRunner.Run(7, capture: capture);
        }

        output.WriteLine(result.Summary());
        Assert.True(result.Passed, result.FailureReport());
        var pdus = await Tshark.PdusAsync(_path, "p2psim");
        var requests = pdus.Where(p => p["p2psim.message"] == "request").ToArray();
        var decoded = requests.Select(r => $"{r["p2psim.op"]} {r["p2psim.user"]} {r["p2psim.file"]}".TrimEnd()).ToHashSet();
        var logged = pdus.SelectMany(p => p.All("p2psim.log.user").Select((user, i) => $"{p.All("p2psim.log.operation")[i]} {user} {p.All("p2psim.log.file")[i]}".TrimEnd())).ToArray();

        output.WriteLine($"decoded: {requests.Length} requests, {logged.Length} log entries");
        Assert.True(logged.Length >= result.LogEntries, $"{logged.Length} log entries decoded, {result.LogEntries} in the log store");
        Assert.All(logged, entry => Assert.Contains(entry, decoded)); // the server logs only what it was asked
        Assert.All(pdus.Where(p => p["p2psim.message"] == "reply"), reply => Assert.NotEqual(string.Empty, reply["p2psim.request_in"]));
        Assert.Equal(0, await Tshark.CountAsync(_path, "_ws.malformed || p2psim.malformed"));
    }
}
