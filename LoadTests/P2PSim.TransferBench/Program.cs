using System.Diagnostics;
using System.Globalization;
using System.Text;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Serving;
using P2PSim.TransferBench;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;
using P2PSim.Transport.Throttling;

// p2psim-transferbench [--size-mib N] [--cap-mib N] [--repeat N] [--out DIR] [--only single|capped|tail]
// Every figure is loopback TCP on this machine, client and servers in one process; ratios compare runs made
// minutes apart in the same process, never against numbers from another day.
var sizeMib = Option("--size-mib", 256);
var capMib = Option("--cap-mib", 8);
var repeat = Option("--repeat", 3);
var outDir = OptionText("--out", Path.Combine("artifacts", "transfer"));
var only = OptionText("--only", "all"); // one part alone, e.g. to profile it
if (only is not ("all" or "single" or "capped" or "tail"))
{
    Console.Error.WriteLine($"--only {only}: expected single, capped or tail");
    return 2;
}

Directory.CreateDirectory(outDir);
var work = Directory.CreateTempSubdirectory("p2psim-transferbench-");
var rows = new List<(string Name, string Value, string Note)>();
try
{
    var cap = capMib * 1024L * 1024;

    // 1. Single source, unthrottled, vs the bare TCP copy of the same bytes (best of N each).
    if (only is "all" or "single")
    {
        var big = CreateFile(work.FullName, "big.bin", sizeMib * 1024L * 1024);
        await using var source = await StartSourceAsync(TcpTransport.Instance, Path.GetDirectoryName(big)!);
        var downloader = new MultiSourceDownloader(TcpTransport.Instance);
        await downloader.GetManifestAsync(source.Source, "big.bin"); // the peer hashes its copy once, before the clock starts
        // Interleaved, so a machine that gets busier or quieter during the benchmark affects both alike.
        var bare = new Trials(Path.Combine(work.FullName, "bare.bin"), sizeMib);
        var single = new Trials(Path.Combine(work.FullName, "single.bin"), sizeMib);
        for (var i = 0; i < repeat; i++)
        {
            await bare.RunAsync(output => BareTcpCopy.CopyAsync(big, output, default));
            await single.RunAsync(output => downloader.DownloadAsync("big.bin", [source.Source], output));
        }

        var bareRate = Rate(big, bare.Best);
        var singleRate = Rate(big, single.Best);
        var hashRate = HashRate(big);

        // A verified transfer does what the bare copy does and hashes every byte twice more; with client and server
        // on the same cores, it can go no faster than all the cores doing that CPU work back to back.
        var boundRate = Environment.ProcessorCount / (bare.CpuMsPerMib + (2 * 1000 / hashRate)) * 1000;
        rows.Add(("bare loopback TCP copy, MiB/s", F(bareRate), $"{sizeMib} MiB, file → socket → file, best of {repeat}, each output deleted before its run"));
        rows.Add(("SHA-256 of the file on one core, MiB/s", F(hashRate), "a verified transfer hashes every byte twice (blocks, whole file)"));
        rows.Add(("single-source verified download, MiB/s", F(singleRate), "GET_MANIFEST + pipelined GET_RANGE, SHA-256 per block and whole file"));
        rows.Add(("single source / bare copy", P(singleRate / bareRate), "target ≥ 80 %"));
        rows.Add(("CPU per MiB, bare copy / single source, ms", $"{F(bare.CpuMsPerMib)} / {F(single.CpuMsPerMib)}", "process CPU time (both ends), mean over the runs"));
        rows.Add(("CPU bound of a verified transfer, MiB/s", F(boundRate), $"{Environment.ProcessorCount} cores / (bare copy's CPU per MiB + two SHA-256 passes): {P(boundRate / bareRate)} of the bare copy"));
        rows.Add(("single source / CPU bound", P(singleRate / boundRate), "what the protocol, the block board and the part file cost beyond the bound"));
        Console.WriteLine($"single source: {F(singleRate)} MiB/s, bare copy {F(bareRate)} MiB/s ({P(singleRate / bareRate)}), CPU bound {F(boundRate)} MiB/s ({P(singleRate / boundRate)})");
    }

    // 2. K throttled sources vs one throttled source: the file is sized so each run lasts about 4 s.
    double? one = null;
    foreach (var k in only is "all" or "capped" ? new[] { 1, 2, 4, 8 } : [])
    {
        var folder = Directory.CreateDirectory(Path.Combine(work.FullName, $"k{k}")).FullName;
        var file = CreateFile(folder, "capped.bin", k * cap * 4);
        var sources = new List<RunningSource>();
        for (var i = 0; i < k; i++)
        {
            sources.Add(await StartSourceAsync(new ThrottledTransport(TcpTransport.Instance, cap), folder, $"peer{i}"));
        }

        var downloader = new MultiSourceDownloader(TcpTransport.Instance);
        foreach (var source in sources)
        {
            // Each peer hashes its copy once per version; do it before the clock starts, as peers serving a file do.
            await downloader.GetManifestAsync(source.Source, "capped.bin");
        }

        var elapsed = await TimeAsync(async () =>
            (await downloader.DownloadAsync("capped.bin", [.. sources.Select(s => s.Source)], Path.Combine(work.FullName, $"capped-{k}.bin"))).Size);
        var rate = Rate(file, elapsed);
        one ??= rate;
        rows.Add(($"{k} × {capMib} MiB/s sources, MiB/s", F(rate), k == 1 ? "the single capped source" : $"{P(rate / (k * one.Value))} of {k} × one capped source (target ≥ 90 %)"));
        Console.WriteLine($"K={k}: {F(rate)} MiB/s ({P(rate / (k * one.Value))} of K × one)");
        foreach (var source in sources)
        {
            await source.DisposeAsync();
        }
    }

    // 3. The last 1 %: three fast sources and one 16× slower, with and without the endgame.
    if (only is "all" or "tail")
    {
        var folder = Directory.CreateDirectory(Path.Combine(work.FullName, "tail")).FullName;
        CreateFile(folder, "tail.bin", 3 * cap * 2);
        foreach (var endgame in new[] { true, false })
        {
            var sources = new List<RunningSource>();
            for (var i = 0; i < 3; i++)
            {
                sources.Add(await StartSourceAsync(new ThrottledTransport(TcpTransport.Instance, cap), folder, $"fast{i}"));
            }

            sources.Add(await StartSourceAsync(new ThrottledTransport(TcpTransport.Instance, cap / 16), folder, "slow"));
            var warm = new MultiSourceDownloader(TcpTransport.Instance);
            foreach (var source in sources)
            {
                await warm.GetManifestAsync(source.Source, "tail.bin");
            }

            var timer = new TailTimer();
            var downloader = new MultiSourceDownloader(TcpTransport.Instance, new MultiSourceOptions { Endgame = endgame, BlockTimeout = TimeSpan.FromSeconds(60) });
            var result = await downloader.DownloadAsync("tail.bin", [.. sources.Select(s => s.Source)], Path.Combine(work.FullName, $"tail-{endgame}.bin"), timer);
            var tail = result.Elapsed - (timer.At99 ?? result.Elapsed);
            rows.Add(($"last 1 %, endgame {(endgame ? "on" : "off")}, ms", F(tail.TotalMilliseconds),
                $"whole download {F(result.Elapsed.TotalMilliseconds)} ms; {result.DuplicateBlocks} duplicate blocks discarded"));
            Console.WriteLine($"endgame {(endgame ? "on" : "off")}: last 1 % {F(tail.TotalMilliseconds)} ms of {F(result.Elapsed.TotalMilliseconds)} ms");
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }
}
finally
{
    work.Delete(recursive: true);
}

var report = new StringBuilder()
    .AppendLine("# P2PSim transfer benchmark")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, loopback TCP, one process.")
    .AppendLine()
    .AppendLine("| measure | value | note |")
    .AppendLine("|---|---:|---|");
foreach (var (name, value, note) in rows)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} | {note} |");
}

var path = Path.Combine(outDir, "report.md");
await File.WriteAllTextAsync(path, report.ToString());
await File.WriteAllLinesAsync(Path.Combine(outDir, "report.csv"), ["measure,value,note", .. rows.Select(r => $"\"{r.Name}\",{r.Value},\"{r.Note}\"")]);
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"report: {path}");
return 0;

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string OptionText(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string CreateFile(string folder, string name, long size)
{
    var path = Path.Combine(folder, name);
    using var file = File.Create(path);
    var buffer = new byte[1024 * 1024];
    var random = new Random(42);
    for (long written = 0; written < size; written += buffer.Length)
    {
        random.NextBytes(buffer);
        file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
    }

    return path;
}

static async Task<RunningSource> StartSourceAsync(ITransport transport, string folder, string name = "peer")
{
    var server = await FileServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), new FileServerOptions(folder));
    return new RunningSource(server, new DownloadSource(name, server.EndPoint));
}

static async Task<TimeSpan> TimeAsync(Func<Task<long>> run)
{
    var clock = Stopwatch.StartNew();
    await run();
    return clock.Elapsed;
}

static double HashRate(string file)
{
    var bytes = File.ReadAllBytes(file);
    var best = TimeSpan.MaxValue;
    for (var i = 0; i < 3; i++)
    {
        var clock = Stopwatch.StartNew();
        System.Security.Cryptography.SHA256.HashData(bytes);
        best = clock.Elapsed < best ? clock.Elapsed : best;
    }

    return bytes.Length / (1024.0 * 1024) / best.TotalSeconds;
}

static double Rate(string file, TimeSpan elapsed) => new FileInfo(file).Length / (1024.0 * 1024) / elapsed.TotalSeconds;

static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

static string P(double ratio) => ratio.ToString("0 %", CultureInfo.InvariantCulture);

internal sealed record RunningSource(RunningServer<FileServer> Server, DownloadSource Source) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
