namespace P2PSim.Cli.Options;

/// <summary>
/// A bad input found once the options parsed: a combination that does not fit, or an address that cannot be bound.
/// Its message is the one line the user sees, saying what is wrong and what to do; the process exits 2.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UsageException()
    {
    }
}
