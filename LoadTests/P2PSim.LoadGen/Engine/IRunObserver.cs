namespace P2PSim.LoadGen.Engine;

/// <summary>Watches runs as they go: the live progress display.</summary>
internal interface IRunObserver
{
    void RunStarted(RunSpec spec);

    void Sampled(RunSpec spec, TimelinePoint point, long okSoFar, long failedSoFar);

    void RunFinished(RunResult result);

    void Note(string message);
}
