using System.Text;
using P2PSim.PropertyTests.Concurrency;
using P2PSim.PropertyTests.Model;
using P2PSim.PropertyTests.Support;
using P2PSim.TestKit;

namespace P2PSim.Systematic.Tests.RealCode.Histories;

/// <summary>
/// One concurrent case of the property tests run over the real registry behind the server's request path
/// (<see cref="WireDirectory"/>) under Coyote's scheduler instead of real threads: the setup one request at a
/// time, each reply compared with the model; then every client at once, each request stamped on a logical clock
/// when invoked and when answered; then the property tests' Wing–Gong checker. Coyote switches tasks at the locks,
/// so a check and its action split over two lock sections shows without any artificial delay.
/// </summary>
internal static class HistoryScenario
{
    private const string Host = TestNetwork.ClientIp;

    public static async Task RunAsync(ConcurrentCase c)
    {
        var directory = new WireDirectory();
        var model = new DirectoryModel();
        var report = new StringBuilder().AppendLine($"history of {c}:");
        foreach (var command in c.Setup)
        {
            var expected = model.Apply(command, Host);
            var actual = directory.Send(HistoryRequests.For(command), Host);
            report.AppendLine($"  setup: {command} → {ReplyText.Describe(actual)}");
            Expect.That(ReplyEquality.Matches(command, expected, actual), $"{report}  <-- MISMATCH in setup, model: {ReplyText.Describe(expected)}");
        }

        var clock = new LogicalClock();
        var clients = c.Clients.Select((commands, k) => Task.Run(() =>
        {
            var events = new List<HistoryEvent>();
            foreach (var command in commands)
            {
                var invoked = clock.Tick();
                var reply = directory.Send(HistoryRequests.For(command), Host);
                events.Add(new HistoryEvent(k + 1, command, invoked, clock.Tick(), reply));
            }

            return events;
        })).ToArray();
        await Task.WhenAll(clients);

        var history = clients.SelectMany(t => t.Result).ToList();
        var final = DirectoryModel.FromSnapshot(directory.Registry.Snapshot()).Fingerprint();
        var result = LinearizabilityChecker.Check(model, history, Host, final);
        if (!result.Linearizable)
        {
            foreach (var e in history.OrderBy(e => e.Invoked))
            {
                report.AppendLine($"  {e}");
            }

            report.AppendLine($"  NOT LINEARIZABLE ({result.StatesExplored} states explored); the longest explainable order:");
            foreach (var e in result.Witness)
            {
                report.AppendLine($"    {e}");
            }
        }

        Expect.That(result.Linearizable, report.ToString());
    }

    /// <summary>Real time for the checker: one tick per invocation and per answer.</summary>
    private sealed class LogicalClock
    {
        private int _now;

        public double Tick() => Interlocked.Increment(ref _now);
    }
}
