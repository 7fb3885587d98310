namespace P2PSim.TestKit;

/// <summary>The two transports an end-to-end test runs over.</summary>
public enum TransportKind
{
    /// <summary>A fresh in-memory network per test.</summary>
    InMemory,

    /// <summary>Real loopback TCP.</summary>
    Tcp,
}
