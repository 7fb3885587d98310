namespace P2PSim.Protocol.Tests;

/// <summary>
/// The optional request timestamp (docs/protocol.md §2.4): P2PSim's <c>DD/MM/YYYY HH:MM:SS</c>, and every classic
/// shape a server accepts, recognised by shape.
/// </summary>
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
    [InlineData("2025/11/24 18:30:05")] // accepted from clients (IsRequestTimestamp), never P2PSim's own
    [InlineData("18:30:05 24/11/2025")]
    public void Rejects_other_shapes(string field) => Assert.False(Timestamp.IsTimestamp(field));

    [Theory]
    [InlineData("24/11/2025 18:30:05")]
    [InlineData("24-11-2025 18:30:05")]
    [InlineData("2025/11/24 18:30:05")]
    [InlineData("2025-11-24 18:30:05")]
    [InlineData("18:30:05 24/11/2025")]
    [InlineData("18:30:05 24-11-2025")]
    [InlineData("18:30:05 2025/11/24")]
    [InlineData("18:30:05 2025-11-24")]
    [InlineData("99/99/9999 99:99:99")] // shape only, no calendar
    [InlineData("0000-00-00 00:00:00")]
    public void Request_timestamps_take_every_classic_shape(string field) => Assert.True(Timestamp.IsRequestTimestamp(field));

    [Theory]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("2025/11/24")] // a date alone has no blank: a user name
    [InlineData("18:30:05")]
    [InlineData("2025/11/24_18:30:05")]
    [InlineData("2025/11/24T18:30:05")]
    [InlineData("2025/11-24 18:30:05")] // separators mixed inside the date
    [InlineData("2025-11/24 18:30:05")]
    [InlineData("24/11-2025 18:30:05")]
    [InlineData("2025.11.24 18:30:05")]
    [InlineData("2025/11/24 18-30-05")]
    [InlineData("2025/11/24 18.30.05")]
    [InlineData("202/511/24 18:30:05")] // separators at neither date shape's places
    [InlineData("24/11/20 25 18:30:05")]
    [InlineData("2025/11/24 18:30:5")]
    [InlineData("2025/11/24 18:30:055")]
    [InlineData("2025/11/24  18:30:05")]
    [InlineData("18:30:05  2025/11/24")]
    [InlineData("18:30:05 2025/11/2")]
    [InlineData("18:30:0524/11/2025 ")]
    [InlineData("24/11/202518:30:05 ")]
    [InlineData("2025/11/24\t18:30:05")]
    [InlineData("2025/11/2a 18:30:05")]
    [InlineData("18:3a:05 2025/11/24")]
    [InlineData("hello world 1234567")] // 19 characters with a blank, nothing like a date
    [InlineData("\u0662\u0660\u0662\u0665/11/24 18:30:05")] // non-ASCII digits
    public void Request_timestamps_refuse_everything_else(string field) => Assert.False(Timestamp.IsRequestTimestamp(field));

    [Fact]
    public void ToWire_formats_day_first_with_a_24_hour_clock()
    {
        var time = new DateTimeOffset(2025, 11, 24, 18, 30, 5, TimeSpan.Zero);
        Assert.Equal("24/11/2025 18:30:05", Timestamp.ToWire(time));
        Assert.Equal(Timestamp.Length, Timestamp.ToWire(time).Length);
        Assert.True(Timestamp.IsTimestamp(Timestamp.ToWire(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero))));
    }
}
