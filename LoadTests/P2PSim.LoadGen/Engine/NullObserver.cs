namespace P2PSim.LoadGen.Engine;

/// <summary>Watches nothing: for runs that are not reported (priming).</summary>
internal sealed class NullObserver : IRunObserver
{
    public static NullObserver Instance { get; } = new();

    public void RunStarted(RunSpec spec)
    {
    }

    public void Sampled(RunSpec spec, TimelinePoint point, long okSoFar, long failedSoFar)
    {
    }

    public void RunFinished(RunResult result)
    {
    }

    public void Note(string message)
    {
    }
}
