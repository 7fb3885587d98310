namespace P2PSim.Simulation.Runtime;

/// <summary>How a pump run went: continuations run, and times it gave up waiting for a quiet thread pool.</summary>
public sealed record SimPumpReport(long Steps, int QuietTimeouts);
