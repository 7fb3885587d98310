namespace P2PSim.Transport;

/// <summary>
/// How many connections a <see cref="ConnectionDispatcher"/> holds, told apart by whether they have sent a request.
/// A connection that has (its handler called <see cref="ConnectionSlot.TryActivate"/>) is active and counts toward
/// <see cref="MaxActive"/>; one still waiting for its first request counts only toward <see cref="MaxIdle"/>, whose
/// oldest gives way to a newcomer. So connections that never send anything cannot starve the ones that do.
/// </summary>
/// <param name="MaxActive">Connections served at once that have sent a request.</param>
/// <param name="MaxIdle">Connections kept while waiting for their first request; past it the oldest is aborted.</param>
/// <param name="MaxPerAddress">
/// Connections open at once from one client host, idle or active. Past it the host's oldest idle connection is
/// aborted to make room; the newcomer is refused only when all of them are active.
/// </param>
public sealed record ConnectionLimits(int MaxActive, int MaxIdle, int MaxPerAddress)
{
    /// <summary>Throws unless every limit is at least 1.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxActive, 1, nameof(MaxActive));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIdle, 1, nameof(MaxIdle));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPerAddress, 1, nameof(MaxPerAddress));
    }
}
