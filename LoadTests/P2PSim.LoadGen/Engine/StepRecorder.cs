using System.Collections.Concurrent;
using HdrHistogram;

namespace P2PSim.LoadGen.Engine;

/// <summary>
/// Counts and latencies of one step, written by many clients at once. Latencies go to an HdrHistogram
/// <see cref="Recorder"/> so the sampler can take per-second interval histograms without stopping the writers.
/// Only OK steps have their latency recorded; failures are counted by reason.
/// </summary>
internal sealed class StepRecorder
{
    /// <summary>Largest latency tracked (60 s in µs); slower steps are recorded at this value.</summary>
    public const long HighestTrackableMicros = 60_000_000;

    public const int SignificantDigits = 3;

    private readonly Recorder _recorder = HistogramFactory.With64BitBucketSize()
        .WithValuesUpTo(HighestTrackableMicros)
        .WithPrecisionOf(SignificantDigits)
        .WithThreadSafeWrites()
        .WithThreadSafeReads()
        .Create();

    private readonly ConcurrentDictionary<string, long> _failureReasons = new(StringComparer.Ordinal);
    private long _ok;
    private long _failed;
    private long _bytes;
    private long _takenOk;
    private long _takenFailed;
    private long _takenBytes;

    public StepRecorder(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>Failure counts by reason since the recorder was made (warm-up included).</summary>
    public IReadOnlyDictionary<string, long> FailureReasons => _failureReasons;

    public void RecordOk(long micros, long bytes)
    {
        _recorder.RecordValue(Math.Clamp(micros, 0, HighestTrackableMicros));
        Interlocked.Increment(ref _ok);
        if (bytes != 0)
        {
            Interlocked.Add(ref _bytes, bytes);
        }
    }

    public void RecordFailure(string reason)
    {
        Interlocked.Increment(ref _failed);
        _failureReasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }

    /// <summary>What happened since the previous call. Only the sampler calls this, so the "taken" marks are its own.</summary>
    public StepInterval TakeInterval()
    {
        var histogram = _recorder.GetIntervalHistogram();
        var ok = Interlocked.Read(ref _ok);
        var failed = Interlocked.Read(ref _failed);
        var bytes = Interlocked.Read(ref _bytes);
        var interval = new StepInterval(histogram, ok - _takenOk, failed - _takenFailed, bytes - _takenBytes);
        (_takenOk, _takenFailed, _takenBytes) = (ok, failed, bytes);
        return interval;
    }

    /// <summary>Forgets failure reasons counted so far (at the end of warm-up).</summary>
    public void ResetReasons() => _failureReasons.Clear();
}
