using System.Diagnostics;
using HdrHistogram;
using P2PSim.Peer;
using P2PSim.Protocol;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen;

/// <summary>
/// Closed-loop load: each client issues one operation at a time, a new TCP connection per operation (the classic
/// protocol), cycling REGISTER, CONNECT, PUBLISH, LIST_USERS as its own user, so the registry stays at one user and a
/// few files per client and LIST_USERS stays the same size. Repeats of REGISTER/CONNECT/PUBLISH get non-zero result
/// codes; that is a reply like any other (the server handles and logs it), not an error.
/// </summary>
internal static class ClosedLoopLoad
{
    /// <summary>Largest latency the histograms track; slower operations are recorded at this value.</summary>
    public const long HighestTrackableMicros = 60_000_000;

    private const int SignificantDigits = 3;
    private const int FilesPerClient = 8;
    private const long MaxOperationsPerClient = 100_000_000;
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs <see cref="LoadGenOptions.Clients"/> clients for warm-up plus duration against <paramref name="server"/>.</summary>
    public static async Task<LoadResult> RunAsync(
        TransportEndPoint server, string userPrefix, LoadGenOptions options, CancellationToken cancellationToken)
    {
        var client = new DirectoryClient(TcpTransport.Instance, server, timeout: OperationTimeout);
        var measureFrom = Stopwatch.GetTimestamp() + ToTicks(options.WarmUp);
        var measureUntil = measureFrom + ToTicks(options.Duration);
        var workers = new Task<LoadResult>[options.Clients];
        for (var i = 0; i < workers.Length; i++)
        {
            var user = $"{userPrefix}{i}";
            workers[i] = Task.Run(() => RunClientAsync(client, user, measureFrom, measureUntil, options.Duration, cancellationToken));
        }

        var results = await Task.WhenAll(workers);
        var latency = NewHistogram();
        long operations = 0;
        long errors = 0;
        foreach (var result in results)
        {
            latency.Add(result.Latency);
            operations += result.Operations;
            errors += result.Errors;
        }

        return new LoadResult(latency, operations, errors, options.Duration);
    }

    private static async Task<LoadResult> RunClientAsync(
        DirectoryClient client, string user, long measureFrom, long measureUntil, TimeSpan window, CancellationToken cancellationToken)
    {
        var latency = NewHistogram();
        long operations = 0;
        long errors = 0;
        for (long i = 0; i < MaxOperationsPerClient; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            if (begin >= measureUntil)
            {
                break;
            }

            var ok = true;
            try
            {
                await IssueAsync(client, user, i, cancellationToken);
            }
            catch (Exception e) when (e is DirectoryUnavailableException or ProtocolException)
            {
                ok = false;
            }

            var elapsed = Stopwatch.GetElapsedTime(begin);
            if (begin < measureFrom)
            {
                continue; // warm-up
            }

            if (ok)
            {
                latency.RecordValue(Math.Min((long)elapsed.TotalMicroseconds, HighestTrackableMicros));
                operations++;
            }
            else
            {
                errors++;
            }
        }

        return new LoadResult(latency, operations, errors, window);
    }

    private static Task IssueAsync(DirectoryClient client, string user, long i, CancellationToken cancellationToken) =>
        (i % 4) switch
        {
            0 => client.RegisterAsync(user, cancellationToken),
            1 => client.ConnectAsync(user, 40_000, cancellationToken),
            2 => client.PublishAsync(user, $"file-{i / 4 % FilesPerClient}.txt", "load test file", cancellationToken),
            _ => client.ListUsersAsync(user, cancellationToken),
        };

    private static LongHistogram NewHistogram() => new(HighestTrackableMicros, SignificantDigits);

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
