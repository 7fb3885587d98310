using P2PSim.LoadGen.Engine;

namespace P2PSim.LoadGen.Progress;

/// <summary>Progress as plain lines (output redirected, CI logs): one at start, one every few seconds, one at the end.</summary>
internal sealed class PlainObserver(TextWriter output) : IRunObserver
{
    private const int LineEverySamples = 5;

    private readonly Lock _gate = new();
    private int _samples;

    public void RunStarted(RunSpec spec)
    {
        lock (_gate)
        {
            _samples = 0;
            output.WriteLine($"load: {spec.Name}: {string.Join(", ", spec.Simulations.Select(s => s.Describe()))} after {spec.WarmUp.TotalSeconds:0.#} s warm-up");
        }
    }

    public void Sampled(RunSpec spec, TimelinePoint point, long okSoFar, long failedSoFar)
    {
        lock (_gate)
        {
            if (++_samples % LineEverySamples == 0)
            {
                output.WriteLine(
                    $"load: {spec.Name}: t={point.Seconds:0}s level={point.Level:0.#} ok/s={Format.Rate(point.OkPerSecond)} p99={Format.Ms(point.P99)} ms ok={okSoFar} failed={failedSoFar}");
            }
        }
    }

    public void RunFinished(RunResult result)
    {
        lock (_gate)
        {
            var t = result.Total;
            output.WriteLine(
                $"load: {result.Name}: {Format.Rate(t.OkPerSecond)} ok/s, p50 {Format.Ms(t.Latency.P50)} ms, p99 {Format.Ms(t.Latency.P99)} ms, "
                + $"errors {Format.Percent(t.ErrorRate)}{(result.Missed > 0 ? $", {result.Missed} arrivals missed" : "")}");
        }
    }

    public void Note(string message)
    {
        lock (_gate)
        {
            output.WriteLine($"load: {message}");
        }
    }
}
