using System.Globalization;
using P2PSim.Simulation.Runtime;
using P2PSim.Transport;
using P2PSim.Transport.Capture;
using P2PSim.Transport.InMemory;

namespace P2PSim.Simulation.Network;

/// <summary>
/// A simulated network of named hosts behind the product's <see cref="ITransport"/>: <c>network.Host("peer1")</c> is
/// the transport of host <c>peer1</c>. Links have seeded latency on the <see cref="SimClock"/>; connections can be
/// refused or reset at seeded moments (streams fail, they never lose bytes silently); host sets can be partitioned
/// (connects hang and bytes wait until the heal); a host can crash (its connections reset, its listeners vanish) and
/// restart. Every choice comes from one <see cref="Random"/> seeded here and is drawn on the pump thread, so the same
/// seed and the same program give the same run. Built, like the in-memory transport, from lock and
/// TaskCompletionSource only.
/// </summary>
public sealed class SimNetwork
{
    private readonly object _gate = new();
    private readonly Random _random;
    private readonly SimNetworkOptions _options;
    private readonly Dictionary<(string Host, int Port), SimListener> _listeners = [];
    private readonly Dictionary<(string From, string To), TimeSpan> _latency = [];
    private readonly HashSet<(string, string)> _blocked = [];
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);
    private readonly List<SimConnectionPair> _connections = [];
    private TaskCompletionSource<bool>? _healed;
    private readonly PortCounter _ports = new(40000);
    private long _nextConnection;

    public SimNetwork(int seed, SimClock clock, SimTrace trace, SimNetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(trace);
        _random = new Random(seed);
        Clock = clock;
        Trace = trace;
        _options = options ?? new SimNetworkOptions();
    }

    public SimClock Clock { get; }

    public SimTrace Trace { get; }

    internal long NowTicks => Clock.Elapsed.Ticks;

    /// <summary>
    /// When set, every host's transport records its connections there, timestamped by <see cref="Clock"/>: the same
    /// seed gives the same pcapng bytes.
    /// </summary>
    public TrafficCapture? Capture { get; set; }

    /// <summary>The transport of host <paramref name="name"/> (what servers see as the client's address).</summary>
    public ITransport Host(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var transport = new SimHostTransport(this, name);
        return Capture?.Wrap(transport) ?? transport;
    }

    /// <summary>True unless <paramref name="host"/> has crashed and not restarted.</summary>
    public bool IsUp(string host)
    {
        lock (_gate)
        {
            return !_down.Contains(host);
        }
    }

    /// <summary>Cuts every link between a host of <paramref name="a"/> and a host of <paramref name="b"/>.</summary>
    public void Partition(IEnumerable<string> a, IEnumerable<string> b)
    {
        var left = a.ToArray();
        var right = b.ToArray();
        lock (_gate)
        {
            foreach (var x in left)
            {
                foreach (var y in right)
                {
                    if (x != y)
                    {
                        _blocked.Add(Key(x, y));
                    }
                }
            }
        }

        Trace.Add("partition", $"[{string.Join(',', left)}] | [{string.Join(',', right)}]");
    }

    /// <summary>Restores every link; bytes held by the partition arrive now, hung connects proceed.</summary>
    public void HealAll()
    {
        SimConnectionPair[] live;
        TaskCompletionSource<bool>? healed;
        lock (_gate)
        {
            _blocked.Clear();
            _connections.RemoveAll(c => c.IsFinished);
            live = [.. _connections];
            healed = Waiting.Take(ref _healed);
        }

        Trace.Add("heal", "all");
        healed?.TrySetResult(true);
        foreach (var connection in live)
        {
            connection.Poke();
        }
    }

    /// <summary>The host stops: every connection to or from it resets and its listeners are gone.</summary>
    public void Crash(string host)
    {
        SimConnectionPair[] cut;
        SimListener[] listeners;
        lock (_gate)
        {
            _down.Add(host);
            cut = [.. _connections.Where(c => c.Touches(host))];
            _connections.RemoveAll(c => c.Touches(host) || c.IsFinished);
            listeners = [.. _listeners.Where(l => l.Key.Host == host).Select(l => l.Value)];
            foreach (var listener in listeners)
            {
                _listeners.Remove((host, listener.LocalEndPoint.Port));
            }
        }

        Trace.Add("crash", host);
        foreach (var connection in cut)
        {
            connection.Reset("host " + host + " crashed");
        }

        foreach (var listener in listeners)
        {
            listener.Close();
        }
    }

    /// <summary>The host is up again, with nothing listening until its programs bind again.</summary>
    public void Restart(string host)
    {
        lock (_gate)
        {
            _down.Remove(host);
        }

        Trace.Add("restart", host);
    }

    internal bool Blocked(string from, string to)
    {
        lock (_gate)
        {
            return _blocked.Contains(Key(from, to));
        }
    }

    internal TimeSpan SegmentLatency(string from, string to) =>
        LinkLatency(from, to) + TimeSpan.FromTicks((long)(Draw() * _options.MaxJitter.Ticks));

    internal bool ShouldReset(string from, string to) =>
        _options.ResetProbability > 0 && from != to && Draw() < _options.ResetProbability;

    internal SimListener Bind(string host, int port)
    {
        SimListener listener;
        lock (_gate)
        {
            if (_down.Contains(host))
            {
                throw new IOException($"Host {host} is down.");
            }

            if (port == 0)
            {
                port = _ports.NextFree(candidate => _listeners.ContainsKey((host, candidate)), host);
            }

            if (_listeners.ContainsKey((host, port)))
            {
                throw new AddressInUseException($"{host}:{port} is already in use.");
            }

            listener = new SimListener(this, new TransportEndPoint(host, port), _options.Backlog);
            _listeners.Add((host, port), listener);
        }

        Trace.Add("bind", $"{host}:{port}");
        return listener;
    }

    internal void Unbind(SimListener listener)
    {
        var key = (listener.LocalEndPoint.Host, listener.LocalEndPoint.Port);
        lock (_gate)
        {
            if (_listeners.TryGetValue(key, out var current) && ReferenceEquals(current, listener))
            {
                _listeners.Remove(key);
            }
        }
    }

    internal async Task<IConnection> ConnectAsync(string from, TransportEndPoint to, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureUp(from);
        var id = "c" + Interlocked.Increment(ref _nextConnection).ToString(CultureInfo.InvariantCulture);
        Trace.Add("connect", $"{id} {from}->{to}");

        // The SYN's trip; during a partition it is lost and retried until the heal (or the caller gives up).
        await Task.Delay(LinkLatency(from, to.Host), Clock, cancellationToken);
        while (true)
        {
            TaskCompletionSource<bool> healed;
            lock (_gate)
            {
                if (!_blocked.Contains(Key(from, to.Host)))
                {
                    break;
                }

                healed = Waiting.Live(ref _healed);
            }

            await Waiting.WaitAsync(healed, cancellationToken);
        }

        EnsureUp(from);
        SimListener? listener;
        int localPort;
        lock (_gate)
        {
            _listeners.TryGetValue((to.Host, to.Port), out listener);
            localPort = _ports.Next();
        }

        if (listener is null)
        {
            Trace.Add("refused", $"{id} nothing listens at {to}");
            throw new ConnectionRefusedException($"Nothing is listening at {to} (connection refused).");
        }

        if (_options.RefuseProbability > 0 && from != to.Host && Draw() < _options.RefuseProbability)
        {
            Trace.Add("refused", $"{id} seeded drop");
            throw new ConnectionRefusedException($"{to} refused the connection (simulated drop).");
        }

        var pair = new SimConnectionPair(this, id, from, to.Host, _options.ChannelCapacity);
        var local = new TransportEndPoint(from, localPort);
        var server = new SimConnection(pair, to, local, pair.ToServer, pair.ToClient);
        if (!listener.TryEnqueue(server))
        {
            Trace.Add("refused", $"{id} listener closed or backlog full");
            throw new ConnectionRefusedException($"{to} refused the connection (listener closed or backlog full).");
        }

        lock (_gate)
        {
            if (_connections.Count >= 1024)
            {
                _connections.RemoveAll(c => c.IsFinished); // closed on both sides: nothing left to reset or wake
            }

            _connections.Add(pair);
        }

        Trace.Add("accepted", $"{id} {local}->{to}");
        return new SimConnection(pair, local, to, pair.ToClient, pair.ToServer);
    }

    private void EnsureUp(string host)
    {
        if (!IsUp(host))
        {
            throw new IOException($"Host {host} is down.");
        }
    }

    private TimeSpan LinkLatency(string from, string to)
    {
        if (from == to)
        {
            return TimeSpan.Zero;
        }

        lock (_gate)
        {
            if (!_latency.TryGetValue((from, to), out var latency))
            {
                var span = _options.MaxLatency.Ticks - _options.MinLatency.Ticks;
                latency = TimeSpan.FromTicks(_options.MinLatency.Ticks + (long)(_random.NextDouble() * span));
                _latency.Add((from, to), latency);
            }

            return latency;
        }
    }

    private double Draw()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    private static (string, string) Key(string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
