namespace P2PSim.Simulation.Runtime;

/// <summary>How a pump run went: continuations run, and continuations that came from outside the pump thread.</summary>
public sealed record SimPumpReport(long Steps, int ForeignPosts);
