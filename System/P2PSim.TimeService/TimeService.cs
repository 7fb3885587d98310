using Microsoft.Extensions.Logging;
using P2PSim.Protocol;

namespace P2PSim.TimeService;

/// <summary>The service implementation: every operation formats the injected clock's local time.</summary>
internal sealed class TimeService(TimeProvider time, ILogger<TimeService> logger) : ITimeService
{
    public string get_datetime() => Now(TimeServiceContract.GetDateTime);

    public string get_date() => Now(TimeServiceContract.GetDate);

    public string get_time() => Now(TimeServiceContract.GetTime);

    public string get_current_datetime() => Now(TimeServiceContract.GetCurrentDateTime);

    public string get_date_time() => Now(TimeServiceContract.GetDateAndTime);

    public string obtener_fecha_hora() => Now(TimeServiceContract.ObtenerFechaHora);

    public string send_date_hour() => Now(TimeServiceContract.SendDateHour);

    private string Now(string operation)
    {
        var now = Timestamp.ToWire(time.GetLocalNow());
        Log.Served(logger, operation, now);
        return now;
    }
}
