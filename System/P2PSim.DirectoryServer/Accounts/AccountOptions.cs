namespace P2PSim.DirectoryServer.Accounts;

/// <summary>Password accounts (docs/sessions.md §6): hashing cost, password rules and the guessing throttle.</summary>
public sealed record AccountOptions
{
    /// <summary>PBKDF2 rounds for new passwords. Lower only in tests: a login costs this many HMAC-SHA256 rounds.</summary>
    public int Iterations { get; init; } = PasswordHash.RecommendedIterations;

    /// <summary>Shortest password accepted for a new account, in UTF-8 bytes (OWASP's minimum).</summary>
    public int MinPasswordBytes { get; init; } = 8;

    /// <summary>Failed logins allowed, per account and per source address, before the throttle starts.</summary>
    public int FreeFailures { get; init; } = 3;

    /// <summary>The wait after the first failure past the free ones; each further failure doubles it.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait the doubling reaches.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failures are forgotten this long after the last one, so a user who mistyped yesterday starts afresh, and the
    /// throttle's memory stays bounded.
    /// </summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Most accounts and addresses the throttle remembers; past it the oldest failures are forgotten first.</summary>
    public int MaxTracked { get; init; } = 100_000;

    /// <summary>Passwords hashed at once; further logins wait their turn instead of taking every thread.</summary>
    public int ConcurrentHashes { get; init; } = Math.Max(1, Environment.ProcessorCount);
}
