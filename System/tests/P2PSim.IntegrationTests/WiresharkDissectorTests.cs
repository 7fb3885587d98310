using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using P2PSim.Fixtures;
using P2PSim.TestKit;

namespace P2PSim.IntegrationTests;

/// <summary>
/// P2PSim's Wireshark dissector (System/P2PSim.Wireshark/p2psim.lua) on live captures of loopback taken with tcpdump
/// and read by Debian's tshark: the demo, where every operation it performed is decoded with its user, file and
/// result, and the log service's LOG_BATCH entries field by field; classic requests and replies in each result
/// encoding, with and without timestamps and with <c>\n</c> terminators, a request written a byte per segment; and
/// GET_FILE replies of every classic shape. No packet of these runs is malformed.
/// </summary>
public sealed partial class WiresharkDissectorTests
{
    private const string Stamp = "08/12/2026 10:00:00";

    /// <summary>
    /// The demo, captured twice at once: live on lo by tcpdump, and by the demo itself (<c>--capture</c>, its
    /// transports recording their connections). Both decode the same.
    /// </summary>
    [Fact]
    public async Task The_demo_captured_live_and_by_itself_decodes_every_operation_with_its_user_file_and_result()
    {
        var own = Path.Combine(Path.GetTempPath(), $"p2psim-demo-{Guid.NewGuid():N}.pcapng");
        try
        {
            await using var capture = await PacketCapture.StartAsync("tcp");
            await using var demo = ChildProcess.StartP2PSim("demo", "--file-size", "4096", "--capture", own);
            Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromMinutes(3)));
            await capture.StopAsync();
            Assert.Contains(demo.StandardOutput, line => line.StartsWith("demo: ", StringComparison.Ordinal) && line.Contains($"packets written to {own}", StringComparison.Ordinal));
            await CheckDemoAsync(capture.Path, demo.StandardOutput);
            await CheckDemoAsync(own, demo.StandardOutput);
        }
        finally
        {
            File.Delete(own);
        }
    }

    [Theory]
    [InlineData("ascii")]
    [InlineData("byte")]
    [InlineData("char")]
    public async Task Classic_requests_and_replies_decode_in_every_result_encoding(string encoding)
    {
        await using var server = await DirectoryServerProcess.StartAsync("--result-encoding", encoding, "--quiet");
        await using var capture = await PacketCapture.StartAsync($"tcp port {server.Port}");
        var client = RawClassicClient.Loopback(server.Port);
        var byteAtATime = new RawClassicClient(
            P2PSim.Transport.Tcp.TcpTransport.Instance,
            new P2PSim.Transport.TransportEndPoint("127.0.0.1", server.Port),
            new RawExchangeOptions { PauseBetweenPieces = TimeSpan.FromMilliseconds(20) });

        await client.SendBytesAsync(Ascii("REGISTER\0alice\0"));
        await client.SendBytesAsync(Ascii($"REGISTER\0{Stamp}\0bob\0"));
        await client.SendBytesAsync(Ascii("CONNECT\nalice\n7000\n"));
        await client.SendBytesAsync(Ascii($"CONNECT\0{Stamp}\0bob\0" + "7001\0"));
        await client.SendBytesAsync(Ascii("PUBLISH\0alice\0song.mp3\0a song\0"));
        await byteAtATime.SendBytesAsync([.. Ascii("PUBLISH\0alice\0film.mkv\0a film\0").Select(b => new[] { b })]);
        await client.SendBytesAsync(Ascii("PUBLISH\0alice\0song.mp3\0again\0"));
        await client.SendBytesAsync(Ascii("LIST_USERS\0alice\0"));
        await client.SendBytesAsync(Ascii("LIST_CONTENT\0alice\0alice\0"));
        await client.SendBytesAsync(Ascii("SEARCH\0alice\0film\0" + "10\0"));
        await client.SendBytesAsync(Ascii("DISCONNECT\0nobody\0"));
        await client.SendBytesAsync(Ascii("REGISTER\0carol\0"));
        await client.SendBytesAsync(Ascii("CONNECT\0carol\0" + "127.0.0.1\0" + "7002\0")); // the IP-and-port variant
        await capture.StopAsync();

        var pdus = await Tshark.PdusAsync(capture.Path, "p2psim");
        Assert.Equal(
            [
                "REGISTER||alice||", $"REGISTER|{Stamp}|bob||", "CONNECT||alice||7000", $"CONNECT|{Stamp}|bob||7001",
                "PUBLISH||alice|song.mp3|", "PUBLISH||alice|film.mkv|", "PUBLISH||alice|song.mp3|", "LIST_USERS||alice||",
                "LIST_CONTENT||alice||", "SEARCH||alice||", "DISCONNECT||nobody||", "REGISTER||carol||", "CONNECT||carol||7002",
            ],
            Requests(pdus).Select(r => string.Join('|', r["p2psim.op"], r["p2psim.timestamp"], r["p2psim.user"], r["p2psim.file"], r["p2psim.port"])));
        Assert.Equal(
            [
                "REGISTER 0", "REGISTER 0", "CONNECT 0", "CONNECT 0", "PUBLISH 0", "PUBLISH 0", "PUBLISH 3",
                "LIST_USERS 0 alice,bob", "LIST_CONTENT 0 song.mp3:a song,film.mkv:a film", "SEARCH 0 alice:film.mkv:a film",
                "DISCONNECT 1", "REGISTER 0", "CONNECT 0",
            ],
            Replies(pdus).Select(Describe));

        // The byte-per-segment PUBLISH really came in one-byte segments, and was decoded once, whole.
        var published = await Tshark.FieldsAsync(capture.Path, "p2psim.file == \"film.mkv\" && p2psim.message == \"request\"", "tcp.stream");
        var stream = Assert.Single(published)[0];
        Assert.True(await Tshark.CountAsync(capture.Path, $"tcp.stream == {stream} && tcp.len == 1") >= 20);
        await AssertNothingMalformedAsync(capture.Path, $"tcp.port == {server.Port}");
    }

    [Fact]
    public async Task A_names_only_list_content_reply_decodes_as_names()
    {
        await using var server = await DirectoryServerProcess.StartAsync("--list-content", "names", "--quiet");
        await using var capture = await PacketCapture.StartAsync($"tcp port {server.Port}");
        var client = RawClassicClient.Loopback(server.Port);
        await client.SendBytesAsync(Ascii("REGISTER\0alice\0"));
        await client.SendBytesAsync(Ascii("CONNECT\0alice\0" + "7000\0"));
        await client.SendBytesAsync(Ascii("PUBLISH\0alice\0song.mp3\0a song\0"));
        await client.SendBytesAsync(Ascii("PUBLISH\0alice\0film.mkv\0a film\0"));
        Assert.Equal("0\0" + "2\0song.mp3\0film.mkv\0", Encoding.ASCII.GetString(await client.SendBytesAsync(Ascii("LIST_CONTENT\0alice\0alice\0"))));
        await capture.StopAsync();

        var reply = Assert.Single(Replies(await Tshark.PdusAsync(capture.Path, "p2psim.op == \"LIST_CONTENT\"")));
        Assert.Equal(["song.mp3", "film.mkv"], reply.All("p2psim.entry.file"));
        Assert.Empty(reply.All("p2psim.entry.description"));
        await AssertNothingMalformedAsync(capture.Path, $"tcp.port == {server.Port}");
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("size-prefixed")]
    [InlineData("size-prefixed, NUL after")]
    public async Task A_get_file_reply_of_each_classic_shape_decodes_its_code_size_and_content(string shape)
    {
        // protocol.md §6.2: content until close; "size\0" before it; and one NUL after it, not counted in size
        var prefix = shape == "raw" ? string.Empty : "5\0";
        var suffix = shape.EndsWith("NUL after", StringComparison.Ordinal) ? "\0" : string.Empty;
        using var peer = new TcpListener(IPAddress.Loopback, 0);
        peer.Start();
        var port = ((IPEndPoint)peer.LocalEndpoint).Port;
        await using var capture = await PacketCapture.StartAsync($"tcp port {port}");
        var serve = ServeOnceAsync(peer, Ascii("0\0" + prefix + "hello" + suffix));
        await RawClassicClient.Loopback(port).SendBytesAsync(Ascii("GET_FILE\0song.mp3\0"));
        await serve;
        await capture.StopAsync();

        var pdus = await Tshark.PdusAsync(capture.Path, "p2psim");
        var reply = Assert.Single(Replies(pdus));
        Assert.Equal(["GET_FILE", "song.mp3", "0", prefix.TrimEnd('\0')], [reply["p2psim.op"], reply["p2psim.file"], reply["p2psim.result"], reply["p2psim.size"]]);
        var content = string.Concat(pdus.SelectMany(p => p.All("p2psim.content")).Select(c => c.Replace(":", string.Empty)));
        Assert.Equal(Convert.ToHexString(Ascii("hello")).ToLowerInvariant(), content);
        Assert.Equal(suffix.Length, pdus.Count(p => p["p2psim.trailing_nul"] != string.Empty)); // the NUL is not content
        await AssertNothingMalformedAsync(capture.Path, $"tcp.port == {port}");
    }

    /// <summary>
    /// The demo's operations as the dissector decoded them, against the log service's lines in the demo's transcript
    /// (the server's own account of each request), and its replies against the demo's story.
    /// </summary>
    private static async Task CheckDemoAsync(string capture, IReadOnlyList<string> transcript)
    {
        var directoryPort = Port(transcript, ServerInit());
        var logPort = Port(transcript, LogInit());
        var directory = await Tshark.PdusAsync(capture, $"tcp.port == {directoryPort} && p2psim");
        var requests = Requests(directory).ToArray();

        // What the log service printed, one line per operation the server received (ACCOUNT as the REGISTER it is;
        // LOGIN is not an operation on the registry), plus the DISCONNECT the server made for frank's killed peer.
        var logged = transcript.Select(line => LogdLine().Match(line)).Where(m => m.Success)
            .Select(m => $"{m.Groups["op"].Value} {m.Groups["user"].Value} {m.Groups["file"].Value}".TrimEnd()).Order().ToArray();
        var decoded = requests.Where(r => r["p2psim.op"] is not ("SESSION" or "LOGIN"))
            .Select(r => $"{(r["p2psim.op"] == "ACCOUNT" ? "REGISTER" : r["p2psim.op"])} {r["p2psim.user"]} {r["p2psim.file"]}".TrimEnd())
            .Append("DISCONNECT frank").Order().ToArray();
        Assert.Equal(logged, decoded);

        // Every directory request has exactly one reply, linked to it; only the demo's deliberate failures are not 0.
        var replies = Replies(directory).ToArray();
        Assert.Equal(requests.Length, replies.Length);
        Assert.Equal(requests.Select(r => r["p2psim.op"]).Order(), replies.Select(r => r["p2psim.op"]).Order());
        Assert.All(replies, r => Assert.NotEqual(string.Empty, r["p2psim.request_in"]));
        Assert.Equal(
            ["DISCONNECT erin 3", "LOGIN erin 1", "PUBLISH bob 3"], // carol disconnecting erin, carol guessing erin's password, bob's second notes.txt
            replies.Where(r => r["p2psim.result"] != "0").Select(r => $"{r["p2psim.op"]} {r["p2psim.user"]} {r["p2psim.result"]}").Order());

        // The peers the demo connected: their transfers decode too, manifests and ranges, and the classic GET_FILEs.
        var peerFilter = string.Join(" || ", requests.Where(r => r["p2psim.op"] == "CONNECT").Select(r => $"tcp.port == {r["p2psim.port"]}").Distinct());
        var transfers = Replies(await Tshark.PdusAsync(capture, $"({peerFilter}) && p2psim"))
            .Select(r => $"{r["p2psim.op"]} {r["p2psim.file"]} {r["p2psim.result"]}").ToArray();
        Assert.Contains("GET_FILE song.mp3 0", transfers);
        Assert.Contains("GET_MANIFEST movie.bin 0", transfers);
        Assert.Contains("GET_RANGE movie.bin 0", transfers);

        // The log service's calls: LOG_BATCH entries field by field, the same lines logd printed.
        var calls = await Tshark.PdusAsync(capture, $"tcp.port == {logPort} && p2psim.log.entry");
        var users = calls.SelectMany(c => c.All("p2psim.log.user")).ToArray();
        var operations = calls.SelectMany(c => c.All("p2psim.log.operation")).ToArray();
        var files = calls.SelectMany(c => c.All("p2psim.log.file")).ToArray();
        Assert.Equal(logged, users.Select((user, i) => $"{operations[i]} {user} {files[i]}".TrimEnd()).Order());
        Assert.All(calls.SelectMany(c => c.All("p2psim.log.sender")), sender => Assert.Equal("demo-server", sender));

        await AssertNothingMalformedAsync(capture, $"tcp.port == {directoryPort} || tcp.port == {logPort} || {peerFilter}");
    }

    /// <summary>No packet of <paramref name="scope"/> is malformed, to Wireshark or to the dissector.</summary>
    private static async Task AssertNothingMalformedAsync(string capture, string scope)
    {
        Assert.True(await Tshark.CountAsync(capture, $"({scope}) && p2psim") > 0, "the dissector decoded nothing");
        var malformed = await Tshark.CountAsync(capture, $"({scope}) && (_ws.malformed || p2psim.malformed || _ws.lua.error)");
        Assert.True(malformed == 0, await Tshark.DescribeAsync(capture, $"({scope}) && (_ws.malformed || p2psim.malformed || _ws.lua.error)"));
    }

    private static IEnumerable<DissectedPdu> Requests(IEnumerable<DissectedPdu> pdus) => pdus.Where(p => p["p2psim.message"] == "request");

    private static IEnumerable<DissectedPdu> Replies(IEnumerable<DissectedPdu> pdus) => pdus.Where(p => p["p2psim.message"] == "reply");

    /// <summary>"OP code" and the list entries: users, "file:description" or "user:file:description".</summary>
    private static string Describe(DissectedPdu reply)
    {
        var users = reply.All("p2psim.entry.user");
        var files = reply.All("p2psim.entry.file");
        var descriptions = reply.All("p2psim.entry.description");
        var entries = files.Count == 0
            ? users
            : [.. files.Select((file, i) => (users.Count > 0 ? users[i] + ":" : string.Empty) + file + ":" + descriptions[i])];
        return $"{reply["p2psim.op"]} {reply["p2psim.result"]}" + (entries.Count > 0 ? " " + string.Join(',', entries) : string.Empty);
    }

    private static int Port(IReadOnlyList<string> transcript, Regex pattern) =>
        int.Parse(transcript.Select(line => pattern.Match(line)).First(m => m.Success).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Accepts one connection, reads its request, writes <paramref name="reply"/> and closes, as a classic peer does.</summary>
    private static async Task ServeOnceAsync(TcpListener listener, byte[] reply)
    {
        using var client = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var stream = client.GetStream();
        var buffer = new byte[256];
        var read = 0;
        while (Array.IndexOf(buffer, (byte)0, 0, read) is var nul && (nul < 0 || Array.IndexOf(buffer, (byte)0, nul + 1, read - nul - 1) < 0))
        {
            read += await stream.ReadAsync(buffer.AsMemory(read)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }

        await stream.WriteAsync(reply);
    }

    [GeneratedRegex(@"s> init server 127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ServerInit();

    [GeneratedRegex(@"l> init log service 127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex LogInit();

    [GeneratedRegex(@"^logd +│ (?<user>\S+) (?<op>[A-Z_]+)(?: (?<file>\S+))? \d\d/\d\d/\d{4} \d\d:\d\d:\d\d$")]
    private static partial Regex LogdLine();
}
