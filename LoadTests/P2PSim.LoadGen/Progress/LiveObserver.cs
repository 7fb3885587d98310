using P2PSim.LoadGen.Engine;
using Spectre.Console;

namespace P2PSim.LoadGen.Progress;

/// <summary>
/// Live progress on a terminal with Spectre.Console: one table row per run, the running one updated every sample.
/// Writes to standard error so the Markdown summary on standard output stays clean.
/// </summary>
internal sealed class LiveObserver : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly Table _table = new Table().Border(TableBorder.Rounded)
        .AddColumns("run", "load", "t (s)", "ok/s", "p50 ms", "p99 ms", "ok", "failed");
    private readonly IAnsiConsole _console;
    private LiveDisplayContext? _live;

    public LiveObserver(IAnsiConsole console)
    {
        _console = console;
    }

    /// <summary>Runs <paramref name="body"/> with the live table on screen.</summary>
    public async Task<T> ShowAsync<T>(Func<Task<T>> body)
    {
        T result = default!;
        await _console.Live(_table).AutoClear(false).StartAsync(async context =>
        {
            lock (_gate)
            {
                _live = context;
            }

            result = await body();
        });
        return result;
    }

    public void RunStarted(RunSpec spec)
    {
        lock (_gate)
        {
            _table.Caption(string.Empty);
            _table.AddRow(Markup.Escape(spec.Name), Markup.Escape(string.Join(", ", spec.Simulations.Select(s => s.Short()))), "warm-up", "", "", "", "", "");
            _live?.Refresh();
        }
    }

    public void Sampled(RunSpec spec, TimelinePoint point, long okSoFar, long failedSoFar)
    {
        lock (_gate)
        {
            Update(
                Format.Number(point.Seconds, "0"), Format.Rate(point.OkPerSecond), Format.Ms(point.P50), Format.Ms(point.P99),
                okSoFar.ToString(System.Globalization.CultureInfo.InvariantCulture), failedSoFar.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void RunFinished(RunResult result)
    {
        lock (_gate)
        {
            var t = result.Total;
            Update(
                Format.Number(result.MeasuredSeconds, "0.0"), $"[bold]{Format.Rate(t.OkPerSecond)}[/]", Format.Ms(t.Latency.P50), Format.Ms(t.Latency.P99),
                t.Ok.ToString(System.Globalization.CultureInfo.InvariantCulture),
                t.Failed > 0 ? $"[red]{t.Failed}[/]" : "0");
        }
    }

    public void Note(string message)
    {
        lock (_gate)
        {
            _table.Caption(Markup.Escape(message));
            _live?.Refresh();
        }
    }

    private void Update(string seconds, string rate, string p50, string p99, string ok, string failed)
    {
        var row = _table.Rows.Count - 1;
        if (row < 0)
        {
            return;
        }

        _table.UpdateCell(row, 2, seconds);
        _table.UpdateCell(row, 3, rate);
        _table.UpdateCell(row, 4, p50);
        _table.UpdateCell(row, 5, p99);
        _table.UpdateCell(row, 6, ok);
        _table.UpdateCell(row, 7, failed);
        _live?.Refresh();
    }
}
