namespace P2PSim.LoadGen;

/// <summary>How the directory server under load ships its operation log.</summary>
internal enum LoggingMode
{
    /// <summary>No sink: the baseline.</summary>
    Off,

    /// <summary>Sink pointed at an in-process log service that answers.</summary>
    Up,

    /// <summary>Sink pointed at a loopback port where nothing listens (connections are refused).</summary>
    Down,

    /// <summary>Sink pointed at a listener that accepts and never reads or replies (every call times out).</summary>
    Stalled,
}
