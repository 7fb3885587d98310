namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>
/// The serial meaning of <see cref="PresenceRaceScenario"/>'s four racing steps on one user connected over the
/// session that is lost (docs/sessions.md §7), as the registry is specified: each step is one atomic registry
/// call, and the orphaning precedes the expiry (the same task makes both). <see cref="Outcomes"/> lists what every
/// serial order of them gives; the real run must give one of those.
/// </summary>
internal static class PresenceModel
{
    /// <summary>The lost session's number, and the resuming session's: any two non-zero, different numbers.</summary>
    private const long Lost = 1;
    private const long Resuming = 2;

    public enum Step
    {
        /// <summary>The lost session's end: <c>Orphan(user, lost)</c>.</summary>
        Orphan,

        /// <summary>Its grace period's end: <c>Expire(user, lost)</c>.</summary>
        Expire,

        /// <summary>The new session's CONNECT (its last attempt: the earlier ones, refused, changed nothing).</summary>
        Resume,

        /// <summary>A classic DISCONNECT.</summary>
        Disconnect,
    }

    /// <summary>What a run shows: the two replies, whether the orphaning and the expiry took effect, and the end state.</summary>
    public readonly record struct Outcome(int ResumeCode, int DisconnectCode, bool Orphaned, bool Expired, bool Connected, int Port)
    {
        public override string ToString() =>
            $"CONNECT {ResumeCode}, DISCONNECT {DisconnectCode}, orphaned {Orphaned}, expired {Expired}, " +
            (Connected ? $"connected on {Port}" : "disconnected");
    }

    /// <summary>Every serial order of the four steps with the orphaning before the expiry, and what it gives.</summary>
    public static IReadOnlyList<(Step[] Order, Outcome Outcome)> Outcomes(int oldPort, int newPort)
    {
        var orders = new List<(Step[], Outcome)>();
        foreach (var order in Permutations([Step.Orphan, Step.Expire, Step.Resume, Step.Disconnect]))
        {
            if (Array.IndexOf(order, Step.Orphan) < Array.IndexOf(order, Step.Expire))
            {
                orders.Add((order, Run(order, oldPort, newPort)));
            }
        }

        return orders;
    }

    private static Outcome Run(Step[] order, int oldPort, int newPort)
    {
        // The user is connected on the lost session's CONNECT when the race starts.
        var (connected, session, orphaned, port) = (true, Lost, false, oldPort);
        int resumeCode = -1, disconnectCode = -1;
        bool wasOrphaned = false, expired = false;
        foreach (var step in order)
        {
            switch (step)
            {
                case Step.Orphan when connected && session == Lost:
                    orphaned = wasOrphaned = true;
                    break;
                case Step.Expire when orphaned && session == Lost:
                    (connected, session, orphaned, port) = (false, 0, false, 0);
                    expired = true;
                    break;
                case Step.Resume:
                    // A fresh CONNECT, or a resume of an orphaned user (the caller's session is another one).
                    resumeCode = !connected || orphaned ? 0 : 2;
                    if (resumeCode == 0)
                    {
                        (connected, session, orphaned, port) = (true, Resuming, false, newPort);
                    }

                    break;
                case Step.Disconnect:
                    disconnectCode = connected ? 0 : 2;
                    (connected, session, orphaned, port) = (false, 0, false, 0);
                    break;
            }
        }

        return new Outcome(resumeCode, disconnectCode, wasOrphaned, expired, connected, port);
    }

    private static IEnumerable<Step[]> Permutations(Step[] steps)
    {
        if (steps.Length <= 1)
        {
            yield return steps;
            yield break;
        }

        for (var i = 0; i < steps.Length; i++)
        {
            var rest = steps.Where((_, k) => k != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [steps[i], .. tail];
            }
        }
    }
}
