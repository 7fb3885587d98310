using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Protocol;

namespace P2PSim.TimeService;

/// <summary>
/// Timestamps for directory requests (spec §1, §6): the time service's answer, or the local time in the same format
/// when the service is down, slow or answers garbage. The outage is logged once ("stamping locally") and the
/// recovery once. Pass <see cref="GetAsync"/> where a <c>Func&lt;CancellationToken, ValueTask&lt;string?&gt;&gt;</c> is
/// expected. Thread-safe.
/// </summary>
public sealed class TimestampSource
{
    private readonly TimeServiceClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _down;

    /// <summary>Creates a source asking <paramref name="client"/>, falling back to <paramref name="time"/>'s local time.</summary>
    public TimestampSource(TimeServiceClient client, TimeProvider? time = null, ILogger<TimestampSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>True while the last call fell back to local time.</summary>
    public bool IsServiceDown => Volatile.Read(ref _down) != 0;

    /// <summary>A <c>DD/MM/YYYY HH:MM:SS</c> timestamp; never null, never throws except on cancellation.</summary>
    public async ValueTask<string?> GetAsync(CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            var stamp = await _client.GetTimestampAsync(cancellationToken);
            if (stamp is not null && Timestamp.IsTimestamp(stamp))
            {
                if (Interlocked.Exchange(ref _down, 0) != 0)
                {
                    Log.ServiceBack(_logger, _client.Address);
                }

                return stamp;
            }

            reason = stamp is null ? "empty answer" : $"malformed answer '{Truncate(stamp)}'";
        }
        catch (TimeServiceUnavailableException e)
        {
            reason = e.InnerException?.Message ?? e.Message;
        }

        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Log.ServiceDown(_logger, _client.Address, reason);
        }

        return Timestamp.ToWire(_time.GetLocalNow());
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
