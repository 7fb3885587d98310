using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// Whole server sessions (accept loop, session, decoder, registry) over the in-memory transport, explored by
/// Coyote: concurrent clients racing on one name get exactly the spec's codes.
/// </summary>
public sealed class ServerSessionTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Fact]
    public void Concurrent_sessions_register_a_name_exactly_once()
    {
        var report = _coyote.Explore("server-sessions", CoyoteRunner.Iterations(100));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.Equal(0, report.NumOfFoundBugs);
    }

    internal static async Task ScenarioAsync()
    {
        // A fresh network and server per iteration: nothing may be shared across Coyote iterations.
        var network = new InMemoryNetwork();
        var transport = network.CreateTransport("127.0.0.1");
        // No deadlines: a request timeout is an uncontrolled timer, and a finite drain deadline is a Task.Delay raced
        // in Task.WhenAny, with which Coyote reported unreplayable false deadlocks (about 1 in 700 iterations).
        var options = new DirectoryServerOptions { RequestTimeout = Timeout.InfiniteTimeSpan, DrainTimeout = Timeout.InfiniteTimeSpan };
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), options);

        var client = new RawClassicClient(transport, server.EndPoint, RawExchangeOptions.Untimed);
        var a = client.SendAsync(new RegisterRequest(null, "alice"));
        var b = client.SendAsync(new RegisterRequest("24/11/2026 20:40:00", "alice"));
        await Task.WhenAll(new[] { a, b });

        var codes = new[] { a.Result.Code, b.Result.Code }.Order().ToArray();
        Specification.Assert(codes[0] == 0 && codes[1] == 1, $"REGISTER race answered {codes[0]} and {codes[1]}, expected 0 and 1");
        Specification.Assert(server.Registry.Snapshot().Count == 1, "the registry should hold exactly alice");
    }
}
