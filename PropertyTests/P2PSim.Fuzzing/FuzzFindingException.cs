namespace P2PSim.Fuzzing;

/// <summary>
/// A decoder misbehaved without throwing: its result depends on where the input was split, or it reported success
/// without consuming anything. Thrown by a target so that afl-fuzz and the regression tests see a crash.
/// </summary>
internal sealed class FuzzFindingException : Exception
{
    public FuzzFindingException(string message)
        : base(message)
    {
    }

    public FuzzFindingException()
    {
    }

    public FuzzFindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
