namespace P2PSim.Transport.Tests.Hosting;

/// <summary>The order in which the parts of a running server were told to stop, and what each saw then.</summary>
internal sealed class StopRecorder
{
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Add(string what)
    {
        lock (_events)
        {
            _events.Add(what);
        }
    }
}
