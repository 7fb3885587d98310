namespace P2PSim.Simulation.Runtime;

/// <summary>The simulated run cannot make progress: every task waits with no timer to wake it, or it livelocks.</summary>
public sealed class SimStuckException : Exception
{
    public SimStuckException()
    {
    }

    public SimStuckException(string message)
        : base(message)
    {
    }

    public SimStuckException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
