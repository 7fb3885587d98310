namespace P2PSim.Systematic.Tests;

/// <summary>
/// Where Coyote may switch between operations, beyond its always-on points (tasks, awaits, TaskCompletionSource,
/// lock/Monitor, SemaphoreSlim, Interlocked). The rewrite inserts both kinds of extra point into every ordinary
/// method of the rewritten assemblies; the configuration decides which ones are live. Coyote 1.7.11 turns the
/// control-flow points off whenever memory-access points are on, so the two modes exclude each other.
/// Neither reaches property getters/setters, constructors or async state machines (the rewrite skips them).
/// </summary>
internal enum RaceChecking
{
    /// <summary>Only the always-on points: cheapest, enough for races that span two lock acquisitions.</summary>
    Synchronization,

    /// <summary>Also before every field load/store (<c>ldfld</c>/<c>stfld</c>): finds an unsynchronized <c>x++</c>.</summary>
    MemoryAccess,

    /// <summary>Also before every conditional branch: finds a check and its action split by a racing writer.</summary>
    ControlFlow,
}
