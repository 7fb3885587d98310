using P2PSim.LoadGen.Engine;

namespace P2PSim.LoadTests;

/// <summary>Keeps what the runner reports, for assertions.</summary>
internal sealed class RecordingObserver : IRunObserver
{
    public List<TimelinePoint> Points { get; } = [];

    public int Finished { get; private set; }

    public void RunStarted(RunSpec spec)
    {
    }

    public void Sampled(RunSpec spec, TimelinePoint point, long okSoFar, long failedSoFar)
    {
        lock (Points)
        {
            Points.Add(point);
        }
    }

    public void RunFinished(RunResult result) => Finished++;

    public void Note(string message)
    {
    }
}
