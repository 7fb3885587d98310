namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// Iterations per real-code exploration: each finds its planted mutants (ci/mutants/) on every one of ten seeds
/// (ci/mutants.sh measures it) and keeps its test to seconds in CI.
/// </summary>
internal static class RealCodeBudgets
{
    public const uint Sink = 200;
    public const uint Dispatcher = 200;
    public const uint Board = 300;
    public const uint Downloader = 150;
    public const uint BoardWrites = 60;
    public const uint Session = 100;
    public const uint Accounts = 200;
    public const uint Presence = 300; // the first find of presence-expiry-checked-before-the-write-lock came as late as iteration 142
    public const uint PresenceHeartbeat = 100;
    public const uint PresenceStop = 200;
    public const uint PresenceResume = 1000; // presence-resume-checked-before-the-gate: first found at iterations 247–584 on seeds 1–3
}
