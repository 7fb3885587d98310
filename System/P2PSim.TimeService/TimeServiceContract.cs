namespace P2PSim.TimeService;

/// <summary>Names shared by the service and its clients.</summary>
public static class TimeServiceContract
{
    /// <summary>The XML namespace of the contract (the spyne <c>tns</c> of a compatible classic service).</summary>
    public const string Namespace = "urn:p2psim:time";

    /// <summary>The contract name, part of the default SOAPAction.</summary>
    public const string Name = "ITimeService";

    /// <summary>The operation P2PSim clients call by default.</summary>
    public const string GetDateTime = "get_datetime";

    /// <summary>The alias some classic clients call.</summary>
    public const string GetDate = "get_date";

    /// <summary>The alias some classic clients call.</summary>
    public const string GetTime = "get_time";

    /// <summary>The alias some classic clients call.</summary>
    public const string GetCurrentDateTime = "get_current_datetime";

    /// <summary>The alias some classic clients call.</summary>
    public const string GetDateAndTime = "get_date_time";

    /// <summary>The alias some classic clients call.</summary>
    public const string ObtenerFechaHora = "obtener_fecha_hora";

    /// <summary>The alias some classic clients call.</summary>
    public const string SendDateHour = "send_date_hour";

    /// <summary>Every operation the service answers, all with the same string; the first is P2PSim's own.</summary>
    public static IReadOnlyList<string> Operations { get; } =
        [GetDateTime, GetDate, GetTime, GetCurrentDateTime, GetDateAndTime, ObtenerFechaHora, SendDateHour];
}
