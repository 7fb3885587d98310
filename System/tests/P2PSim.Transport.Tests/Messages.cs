namespace P2PSim.Transport.Tests;

/// <summary>The promise of <see cref="TransportException"/> messages: one sentence a command line prints as is.</summary>
internal static class Messages
{
    public static void AssertPrintable(Exception e)
    {
        var message = e.Message;
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain('\n', message);
        Assert.EndsWith(".", message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", message, StringComparison.Ordinal);
        Assert.Equal(message.Trim(), message);
    }
}
