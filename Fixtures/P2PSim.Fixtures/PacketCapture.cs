namespace P2PSim.Fixtures;

/// <summary>
/// A live capture on the loopback interface with Debian's <c>tcpdump</c> (root; ci/setup.sh installs it), written to
/// a pcap file that <see cref="Tshark"/> then reads. Stopped (SIGTERM, which flushes the file) on dispose.
/// </summary>
public sealed class PacketCapture : IAsyncDisposable
{
    /// <summary>
    /// The kernel buffer, in KiB: tcpdump's default of 2 MiB holds only about 32 of loopback's 64 KiB packets, and a
    /// capture on a busy machine (a CI run) then drops packets, a session's first bytes among them.
    /// </summary>
    private const string BufferKiB = "131072";

    private readonly ChildProcess _tcpdump;

    private PacketCapture(ChildProcess tcpdump, string path)
    {
        _tcpdump = tcpdump;
        Path = path;
    }

    /// <summary>The pcap file (deleted with the folder it was made in when the capture is disposed).</summary>
    public string Path { get; }

    /// <summary>
    /// Starts capturing packets on <c>lo</c> matching the BPF <paramref name="filter"/>; returns once packets are
    /// really being written. Immediate mode, so no packet waits in the kernel's buffer, where a stop would lose it;
    /// and tcpdump says "listening" a moment before its filter sees traffic, so a UDP probe is sent to a port of its
    /// own (added to the filter) until the first one lands in the file.
    /// </summary>
    public static async Task<PacketCapture> StartAsync(string filter = "tcp or udp")
    {
        var folder = Directory.CreateTempSubdirectory("p2psim-capture-").FullName;
        var path = System.IO.Path.Combine(folder, "capture.pcap");
        using var probe = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var probePort = ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
        var tcpdump = ChildProcess.Start("tcpdump", ["-i", "lo", "--immediate-mode", "-B", BufferKiB, "-U", "-s", "0", "-w", path, $"({filter}) or (udp dst port {probePort})"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        const int PcapHeaderBytes = 24;
        while (!File.Exists(path) || new FileInfo(path).Length <= PcapHeaderBytes)
        {
            if (tcpdump.HasExited || DateTime.UtcNow > deadline)
            {
                await tcpdump.DisposeAsync();
                throw new InvalidOperationException(
                    "tcpdump did not start capturing on lo (it needs root; ci/setup.sh installs it).\n" + tcpdump.Describe());
            }

            await probe.SendAsync("probe"u8.ToArray(), new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, probePort));
            await Task.Delay(50);
        }

        return new PacketCapture(tcpdump, path);
    }

    /// <summary>Stops the capture and waits for the file to be complete.</summary>
    public async Task StopAsync()
    {
        if (!_tcpdump.HasExited)
        {
            await Task.Delay(200); // the last packets (FIN, ACK) of what the test did
            await _tcpdump.StopAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _tcpdump.DisposeAsync();
        Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}
