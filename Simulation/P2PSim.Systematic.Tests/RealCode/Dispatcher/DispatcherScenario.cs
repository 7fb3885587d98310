using Microsoft.Coyote.Specifications;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.Systematic.Tests.RealCode.Dispatcher;

/// <summary>
/// The real <see cref="ConnectionDispatcher"/> (the accept loop every P2PSim server shares) over the in-memory
/// transport, its limit two, watched by <see cref="HandlerMonitor"/>:
/// <list type="bullet">
/// <item><see cref="ChurnAsync"/>: five clients connect while earlier connections end, so the limit's check and
/// count race with handlers finishing; then the listener closes and the drain must return, with no handler
/// running and the count back at zero (a count that lost an update never drains: Coyote reports the deadlock).</item>
/// <item><see cref="DrainAsync"/>: two handlers serving when the stop comes, which end only when the dispatcher
/// cancels them after its grace period and then take a few steps more to close; the drain may return only after
/// the last has ended (a handler not awaited ends after it).</item>
/// </list>
/// </summary>
internal static class DispatcherScenario
{
    private const int Limit = 2;

    public static async Task ChurnAsync()
    {
        const int clients = 5;
        var (listener, transport) = await BindAsync();
        var dispatcher = new ConnectionDispatcher(Limit, async (connection, abort) =>
        {
            Specification.Monitor<HandlerMonitor>(new HandlerMonitor.Started());
            try
            {
                var one = new byte[1];
                _ = await connection.Stream.ReadAsync(one, abort); // the request, then the reply is the close
                await connection.DisposeAsync();
            }
            finally
            {
                Specification.Monitor<HandlerMonitor>(new HandlerMonitor.Ended());
            }
        });

        var run = dispatcher.RunAsync(listener, Timeout.InfiniteTimeSpan, CancellationToken.None);
        var running = new Task[clients];
        for (var i = 0; i < clients; i++)
        {
            running[i] = Task.Run(() => ClientAsync(transport, listener.LocalEndPoint, closeFirst: null));
        }

        await Task.WhenAll(running);
        await listener.DisposeAsync(); // the accept loop ends; every handler has already been answered
        await run;
        Specification.Monitor<HandlerMonitor>(new HandlerMonitor.Drained());
        Specification.Assert(dispatcher.Active == 0, $"{dispatcher.Active} connections still counted active after the drain");
    }

    public static async Task DrainAsync()
    {
        const int clients = Limit;
        var (listener, transport) = await BindAsync();
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new ConnectionDispatcher(Limit, async (connection, abort) =>
        {
            Specification.Monitor<HandlerMonitor>(new HandlerMonitor.Started());
            if (Interlocked.Increment(ref started) == clients)
            {
                allStarted.TrySetResult();
            }

            try
            {
                var one = new byte[1];
                try
                {
                    while (await connection.Stream.ReadAsync(one, abort) > 0)
                    {
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    // The grace period is over: close, which takes a few steps of its own.
                }

                for (var i = 0; i < 3; i++)
                {
                    await Task.Yield();
                }

                await connection.DisposeAsync();
            }
            finally
            {
                Specification.Monitor<HandlerMonitor>(new HandlerMonitor.Ended());
            }
        });

        using var stopping = new CancellationTokenSource();
        var run = dispatcher.RunAsync(listener, TimeSpan.FromSeconds(1), stopping.Token);
        var closeClients = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new Task[clients];
        for (var i = 0; i < clients; i++)
        {
            running[i] = Task.Run(() => ClientAsync(transport, listener.LocalEndPoint, closeClients.Task));
        }

        await allStarted.Task; // both handlers are serving when the stop comes
        stopping.Cancel();
        await run;
        Specification.Monitor<HandlerMonitor>(new HandlerMonitor.Drained());
        closeClients.TrySetResult();
        await Task.WhenAll(running);
        await listener.DisposeAsync();
    }

    private static async Task<(IConnectionListener Listener, ITransport Transport)> BindAsync()
    {
        Specification.RegisterMonitor<HandlerMonitor>();
        Specification.Monitor<HandlerMonitor>(new HandlerMonitor.Limit(Limit));
        var transport = new InMemoryNetwork().CreateTransport("127.0.0.1");
        return (await transport.BindAsync(new TransportEndPoint("127.0.0.1", 4070)), transport);
    }

    /// <summary>Connects, sends one byte and reads until the server closes (or resets: refused over the limit).</summary>
    private static async Task ClientAsync(ITransport transport, TransportEndPoint server, Task? closeFirst)
    {
        IConnection connection;
        try
        {
            connection = await transport.ConnectAsync(server);
        }
        catch (ConnectionRefusedException)
        {
            return; // the listener already closed
        }

        try
        {
            await connection.Stream.WriteAsync(new byte[] { 1 });
            if (closeFirst is not null)
            {
                await closeFirst;
            }
            else
            {
                var one = new byte[1];
                while (await connection.Stream.ReadAsync(one) > 0)
                {
                }
            }
        }
        catch (IOException)
        {
            // Refused over the limit (aborted), or cut by the stop.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
