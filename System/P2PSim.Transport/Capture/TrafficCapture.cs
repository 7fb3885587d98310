using System.Net;
using System.Net.Sockets;

namespace P2PSim.Transport.Capture;

/// <summary>
/// Records the connections of every transport it wraps (<see cref="Wrap"/>) into a pcapng file that Wireshark opens
/// (docs/wireshark.md): each connection becomes synthetic IPv4/TCP — handshake, data segments as written, FIN or
/// RST — timestamped by the run's clock (the simulated one in a simulation, so a seed gives the same bytes every
/// time). Works over any transport: TCP sockets, the in-memory network, the simulated one. Hosts that are not IPv4
/// literals (simulated host names, IPv6) get addresses 10.0.x.y in order of first appearance, named in the file.
/// When both ends of a connection are wrapped, each byte is recorded once, when first reported.
/// </summary>
public sealed class TrafficCapture : IDisposable
{
    private readonly object _gate = new();
    private readonly Stream _output;
    private readonly bool _ownsOutput;
    private readonly PcapngWriter _writer;
    private readonly TimeProvider _clock;
    private readonly Dictionary<(TransportEndPoint Client, TransportEndPoint Server), CaptureFlow> _open = [];
    private readonly Dictionary<string, IPAddress> _addresses = new(StringComparer.Ordinal);
    private ushort _identification;
    private bool _disposed;

    /// <summary>Writes the capture to <paramref name="output"/>, with time from <paramref name="clock"/> (system time by default).</summary>
    public TrafficCapture(Stream output, TimeProvider? clock = null, bool ownsOutput = false)
    {
        _output = output;
        _ownsOutput = ownsOutput;
        _clock = clock ?? TimeProvider.System;
        _writer = new PcapngWriter(output);
    }

    /// <summary>A capture written to the file at <paramref name="path"/> (created or replaced).</summary>
    public static TrafficCapture ToFile(string path, TimeProvider? clock = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), clock, ownsOutput: true);

    /// <summary>Packets written so far.</summary>
    public long Packets { get; private set; }

    /// <summary><paramref name="inner"/>, with every connection it makes or accepts recorded here.</summary>
    public ITransport Wrap(ITransport inner) => new CapturingTransport(inner, this);

    /// <summary>Flushes the file (and closes it when the capture opened it); later traffic is not recorded.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Flush();
        }

        if (_ownsOutput)
        {
            _output.Dispose();
        }
    }

    internal CaptureFlow Open(TransportEndPoint client, TransportEndPoint server)
    {
        lock (_gate)
        {
            if (_open.TryGetValue((client, server), out var known) && !known.Ended)
            {
                return known; // the other end of a connection already reported
            }

            var flow = new CaptureFlow(AddressOf(client.Host), client.Port, AddressOf(server.Host), server.Port);
            _open[(client, server)] = flow;
            Emit(flow, fromClient: true, TcpFlags.Syn, 0, 0, []);
            Emit(flow, fromClient: false, TcpFlags.Syn | TcpFlags.Ack, 0, 1, []);
            Emit(flow, fromClient: true, TcpFlags.Ack, 1, 1, []);
            return flow;
        }
    }

    /// <summary>Bytes a reporter saw at <paramref name="offset"/> of one direction; only what is new is recorded.</summary>
    internal void Data(CaptureFlow flow, bool fromClient, long offset, ReadOnlySpan<byte> bytes)
    {
        var direction = fromClient ? 0 : 1;
        lock (_gate)
        {
            var recorded = flow.Recorded[direction];
            var end = offset + bytes.Length;
            if (_disposed || flow.WasReset || end <= recorded)
            {
                return;
            }

            var fresh = bytes[(int)Math.Max(0, recorded - offset)..];
            flow.Recorded[direction] = end;
            while (!fresh.IsEmpty)
            {
                var segment = fresh[..Math.Min(fresh.Length, Ipv4TcpPacket.MaxPayload)];
                var sequence = flow.NextSequence[direction];
                flow.NextSequence[direction] = unchecked(sequence + (uint)segment.Length);
                Emit(flow, fromClient, TcpFlags.Psh | TcpFlags.Ack, sequence, flow.NextSequence[1 - direction], segment);
                fresh = fresh[segment.Length..];
            }
        }
    }

    /// <summary>One direction ended (FIN), once.</summary>
    internal void Finish(CaptureFlow flow, bool fromClient)
    {
        var direction = fromClient ? 0 : 1;
        lock (_gate)
        {
            if (_disposed || flow.WasReset || flow.Finished[direction])
            {
                return;
            }

            flow.Finished[direction] = true;
            var sequence = flow.NextSequence[direction];
            flow.NextSequence[direction] = unchecked(sequence + 1);
            Emit(flow, fromClient, TcpFlags.Fin | TcpFlags.Ack, sequence, flow.NextSequence[1 - direction], []);
            Forget(flow);
        }
    }

    /// <summary>The connection was reset by the side <paramref name="fromClient"/> names, once.</summary>
    internal void Abort(CaptureFlow flow, bool fromClient)
    {
        var direction = fromClient ? 0 : 1;
        lock (_gate)
        {
            if (_disposed || flow.Ended)
            {
                return;
            }

            flow.WasReset = true;
            Emit(flow, fromClient, TcpFlags.Rst | TcpFlags.Ack, flow.NextSequence[direction], flow.NextSequence[1 - direction], []);
            Forget(flow);
        }
    }

    private void Forget(CaptureFlow flow)
    {
        if (!flow.Ended)
        {
            return;
        }

        foreach (var (key, value) in _open)
        {
            if (ReferenceEquals(value, flow))
            {
                _open.Remove(key);
                return;
            }
        }
    }

    private void Emit(CaptureFlow flow, bool fromClient, TcpFlags flags, uint sequence, uint acknowledgment, ReadOnlySpan<byte> payload)
    {
        var packet = fromClient
            ? Ipv4TcpPacket.Build(flow.ClientAddress, flow.ClientPort, flow.ServerAddress, flow.ServerPort, sequence, acknowledgment, flags, ++_identification, payload)
            : Ipv4TcpPacket.Build(flow.ServerAddress, flow.ServerPort, flow.ClientAddress, flow.ClientPort, sequence, acknowledgment, flags, ++_identification, payload);
        var microseconds = (_clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        _writer.WritePacket(microseconds, packet);
        Packets++;
    }

    private IPAddress AddressOf(string host)
    {
        if (_addresses.TryGetValue(host, out var known))
        {
            return known;
        }

        IPAddress address;
        if (IPAddress.TryParse(host, out var literal) && literal.AddressFamily == AddressFamily.InterNetwork)
        {
            address = literal;
        }
        else
        {
            var n = _addresses.Values.Count(a => a.GetAddressBytes() is [10, 0, _, _]) + 1;
            address = new IPAddress([10, 0, (byte)(n >> 8), (byte)n]);
            _writer.WriteName(address, host);
        }

        _addresses.Add(host, address);
        return address;
    }
}
