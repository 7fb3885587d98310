using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace P2PSim.LoadGen.Suite;

/// <summary>
/// A <c>redis-server</c> child on a free loopback port, without persistence, for the Redis store rounds: its
/// commands processed (<c>INFO stats</c>) and its CPU time (the process's user and system time) are what a round divides by its
/// operations. Redis cannot bind port 0 and report it, so the port is picked first.
/// </summary>
internal sealed class RedisChild : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly ConnectionMultiplexer _admin;

    private RedisChild(Process process, int port, ConnectionMultiplexer admin)
    {
        _process = process;
        Port = port;
        _admin = admin;
    }

    public int Port { get; }

    public DnsEndPoint EndPoint => new("127.0.0.1", Port);

    /// <summary>Starts one, or returns null with the reason when <c>redis-server</c> is not installed (ci/setup.sh installs it).</summary>
    public static async Task<(RedisChild? Redis, string? Missing)> TryStartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        Process process;
        try
        {
            var start = new ProcessStartInfo("redis-server")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            {
                start.ArgumentList.Add(argument);
            }

            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "redis-server is not installed (ci/setup.sh installs it)");
        }

        // Its output is not needed, but an unread pipe would block it once full.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var admin = await ConnectAsync(port, cancellationToken);
            return (new RedisChild(process, port, admin), null);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>Commands Redis has processed since it started: a script counts once, and so does each command it calls.</summary>
    public async Task<long> CommandsProcessedAsync()
    {
        var stats = await _admin.GetServer(EndPoint).InfoAsync("stats");
        var value = stats.SelectMany(g => g).First(p => p.Key == "total_commands_processed").Value;
        return long.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>CPU time (user + system) redis-server has used so far; null once the process is gone.</summary>
    public TimeSpan? CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _admin.DisposeAsync();
        Stop(_process);
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
                {
                    EndPoints = { new DnsEndPoint("127.0.0.1", port) },
                    ConnectTimeout = 1000,
                    ClientName = "p2psim-loadgen",
                    AllowAdmin = true, // INFO
                });
                if (redis.IsConnected)
                {
                    return redis;
                }

                await redis.DisposeAsync();
            }
            catch (RedisConnectionException) when (started.Elapsed < StartBound)
            {
                // Not listening yet.
            }

            if (started.Elapsed >= StartBound)
            {
                throw new TimeoutException($"redis-server on port {port} did not accept connections within {StartBound.TotalSeconds} s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
