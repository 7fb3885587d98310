namespace P2PSim.DirectoryServer.Accounts;

/// <summary>
/// Slows password guessing: failed logins are counted per account and per source address, and past the free ones
/// each failure doubles the wait before the next attempt on that account, or from that address, is even checked.
/// Both counts matter: one address guessing many accounts is slowed by the first, many addresses guessing one
/// account by the second. A success forgets the account's failures, not the address's (else an attacker with an
/// account of their own could reset their address between guesses). Thread-safe; memory bounded by
/// <see cref="AccountOptions.MaxTracked"/>.
/// </summary>
internal sealed class LoginThrottle(AccountOptions options, TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must still wait before an attempt on <paramref name="account"/> from <paramref name="source"/> is checked; zero when it may go ahead.</summary>
    public TimeSpan Wait(string account, string source)
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            return Max(WaitOf(AccountKey(account), now), WaitOf(SourceKey(source), now));
        }
    }

    /// <summary>Counts a wrong password (or an unknown account) against both the account and the address.</summary>
    public void Failed(string account, string source)
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            Count(AccountKey(account), now);
            Count(SourceKey(source), now);
            if (_failures.Count > options.MaxTracked)
            {
                Forget(now);
            }
        }
    }

    /// <summary>A successful login: the account's failures are forgotten.</summary>
    public void Succeeded(string account)
    {
        lock (_gate)
        {
            _failures.Remove(AccountKey(account));
        }
    }

    /// <summary>Accounts and addresses with failures remembered now.</summary>
    public int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _failures.Count;
            }
        }
    }

    private TimeSpan WaitOf(string key, long now)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            return TimeSpan.Zero;
        }

        if (clock.GetElapsedTime(failures.Last, now) >= options.ForgetAfter)
        {
            _failures.Remove(key);
            return TimeSpan.Zero;
        }

        var waited = clock.GetElapsedTime(failures.Last, now);
        return Max(TimeSpan.Zero, DelayAfter(failures.Count) - waited);
    }

    private void Count(string key, long now)
    {
        var count = _failures.TryGetValue(key, out var failures) && clock.GetElapsedTime(failures.Last, now) < options.ForgetAfter
            ? failures.Count + 1
            : 1;
        _failures[key] = new Failures(count, now);
    }

    /// <summary>The wait after <paramref name="count"/> failures: none for the free ones, then doubling up to the cap.</summary>
    private TimeSpan DelayAfter(int count)
    {
        var past = count - options.FreeFailures;
        if (past <= 0)
        {
            return TimeSpan.Zero;
        }

        // 2^(past-1) overflows long before it matters: past the cap it is the cap.
        var doublings = Math.Min(past - 1, 40);
        var ticks = options.FirstDelay.Ticks * Math.Pow(2, doublings);
        return ticks >= options.MaxDelay.Ticks ? options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Over the bound: drop what has expired, then the oldest, down to nine tenths of it.</summary>
    private void Forget(long now)
    {
        foreach (var (key, failures) in _failures.ToList())
        {
            if (clock.GetElapsedTime(failures.Last, now) >= options.ForgetAfter)
            {
                _failures.Remove(key);
            }
        }

        var keep = options.MaxTracked * 9 / 10;
        if (_failures.Count > keep)
        {
            foreach (var (key, _) in _failures.OrderBy(f => f.Value.Last).Take(_failures.Count - keep).ToList())
            {
                _failures.Remove(key);
            }
        }
    }

    private static string AccountKey(string account) => "account " + account;

    private static string SourceKey(string source) => "source " + source;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private readonly record struct Failures(int Count, long Last);
}
