using Microsoft.Extensions.Time.Testing;

namespace P2PSim.TimeService.Tests;

internal static class TestTime
{
    /// <summary>7 March 2026, 09:05:01 local (the fake clock's zone is UTC): leading zeros in every field.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 7, 9, 5, 1, TimeSpan.Zero);

    public const string StartWire = "07/03/2026 09:05:01";

    public static FakeTimeProvider Fake() => new(Start);
}
