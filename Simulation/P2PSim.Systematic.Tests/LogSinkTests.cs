using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// The real operation log sink against the real log server over the in-memory transport, the service stopped and
/// restarted at moments Coyote chooses: every operation is logged exactly once and in order, with no
/// uncontrolled concurrency in the sink, the server or the transport.
/// </summary>
public sealed class LogSinkTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    public void Every_operation_is_logged_once_and_in_order_across_log_service_restarts(int operations, int restarts)
    {
        var report = _coyote.Explore($"log-sink-restarts-{operations}x{restarts}", CoyoteRunner.Iterations(100));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.Equal(0, report.NumOfFoundBugs);
    }
}
