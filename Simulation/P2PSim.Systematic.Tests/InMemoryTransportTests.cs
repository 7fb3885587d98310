using Microsoft.Coyote.Specifications;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// The in-memory transport under Coyote: an accept/connect/echo exchange, with and without cancellable waits,
/// explores with no deadlock and no uncontrolled concurrency. This is what lets server and peer code built on it
/// be tested systematically.
/// </summary>
public sealed class InMemoryTransportTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Echo_over_the_in_memory_transport_explores_cleanly(bool cancellable)
    {
        var report = _coyote.Explore($"transport-echo-{(cancellable ? "cancellable" : "plain")}", CoyoteRunner.Iterations(100));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.Equal(0, report.NumOfFoundBugs);
    }

    internal static async Task EchoAsync(bool cancellable)
    {
        var transport = new InMemoryNetwork().CreateTransport();
        await using var listener = await transport.BindAsync(new TransportEndPoint("127.0.0.1", 0));
        using var cancellation = new CancellationTokenSource();
        var token = cancellable ? cancellation.Token : CancellationToken.None;
        var server = Task.Run(async () =>
        {
            var connection = await listener.AcceptAsync(token);
            var buffer = new byte[4];
            var read = await connection!.Stream.ReadAsync(buffer, token);
            await connection.Stream.WriteAsync(buffer.AsMemory(0, read), token);
            await connection.DisposeAsync();
        });

        await using var client = await transport.ConnectAsync(listener.LocalEndPoint);
        await client.Stream.WriteAsync(new byte[] { 1, 2 });
        var reply = new byte[4];
        var total = 0;
        int n;
        while ((n = await client.Stream.ReadAsync(reply.AsMemory(total), token)) > 0)
        {
            total += n;
        }

        await server;
        Specification.Assert(total == 2 && reply[0] == 1 && reply[1] == 2, $"echo returned {total} bytes");
    }
}
