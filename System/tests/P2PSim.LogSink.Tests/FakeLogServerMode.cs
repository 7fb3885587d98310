namespace P2PSim.LogSink.Tests;

/// <summary>How <see cref="FakeLogServer"/> answers a LOG_BATCH call.</summary>
internal enum FakeLogServerMode
{
    /// <summary>Record the entries and reply with their count.</summary>
    Normal,

    /// <summary>Read calls and never reply (a hung service); nothing is recorded.</summary>
    Stall,

    /// <summary>Record the entries, then reply with bytes that are not an RPC reply (the sink must retry).</summary>
    Garbage,
}
