namespace P2PSim.Protocol.Tests;

/// <summary>The optional request timestamp (docs/protocol.md §2.4): <c>DD/MM/YYYY HH:MM:SS</c>, recognised by shape.</summary>
public sealed class TimestampTests
{
    [Theory]
    [InlineData("24/11/2025 18:30:05")]
    [InlineData("01/01/1970 00:00:00")]
    [InlineData("99/99/9999 99:99:99")] // shape only, no calendar
    public void Recognises_the_shape(string field) => Assert.True(Timestamp.IsTimestamp(field));

    [Theory]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("24/11/2025_18:30:05")]
    [InlineData("24/11/2025 18:30:5")]
    [InlineData("24/11/2025 18:30:055")]
    [InlineData("24-11-2025 18:30:05")]
    [InlineData("24/11/2025 18.30.05")]
    [InlineData("2a/11/2025 18:30:05")]
    [InlineData("24/11/2025\t18:30:05")]
    [InlineData("\u0662\u0664/11/2025 18:30:05")] // non-ASCII digits
    public void Rejects_other_shapes(string field) => Assert.False(Timestamp.IsTimestamp(field));

    [Fact]
    public void ToWire_formats_day_first_with_a_24_hour_clock()
    {
        var time = new DateTimeOffset(2025, 11, 24, 18, 30, 5, TimeSpan.Zero);
        Assert.Equal("24/11/2025 18:30:05", Timestamp.ToWire(time));
        Assert.Equal(Timestamp.Length, Timestamp.ToWire(time).Length);
        Assert.True(Timestamp.IsTimestamp(Timestamp.ToWire(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero))));
    }
}
