namespace P2PSim.LoadGen.Engine;

/// <summary>
/// What one step reported: whether it counts as OK and how many payload bytes it moved (for transfer throughput).
/// A step that throws counts as failed with the exception's type as the reason.
/// </summary>
internal readonly record struct StepOutcome(bool Ok, long Bytes = 0, string? FailureReason = null)
{
    public static StepOutcome Success(long bytes = 0) => new(true, bytes);

    public static StepOutcome Failure(string reason) => new(false, 0, reason);
}
