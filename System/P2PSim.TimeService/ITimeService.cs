using System.ServiceModel;

namespace P2PSim.TimeService;

/// <summary>
/// The SOAP 1.1 time service of spec §6. Classic systems name their single operation differently, so all seven
/// names (<see cref="TimeServiceContract.Operations"/>) answer the same thing: the current local time as <c>DD/MM/YYYY HH:MM:SS</c>.
/// </summary>
[ServiceContract(Namespace = TimeServiceContract.Namespace, Name = TimeServiceContract.Name)]
public interface ITimeService
{
    /// <summary>The current date and time as <c>DD/MM/YYYY HH:MM:SS</c>.</summary>
    [OperationContract]
#pragma warning disable CA1707, IDE1006 // The wire names of classic spyne services.
    string get_datetime();

    /// <summary>Same as <see cref="get_datetime"/>, for classic clients that call it get_date.</summary>
    [OperationContract]
    string get_date();

    /// <summary>Same as <see cref="get_datetime"/>, for classic clients that call it get_time.</summary>
    [OperationContract]
    string get_time();

    /// <summary>Same as <see cref="get_datetime"/>, for classic clients that call it get_current_datetime.</summary>
    [OperationContract]
    string get_current_datetime();

    /// <summary>Same as <see cref="get_datetime"/>, for classic clients that call it get_date_time.</summary>
    [OperationContract]
    string get_date_time();

    /// <summary>Same as <see cref="get_datetime"/>, for classic clients that call it obtener_fecha_hora.</summary>
    [OperationContract]
    string obtener_fecha_hora();

    /// <summary>Same as <see cref="get_datetime"/>, for classic clients that call it send_date_hour.</summary>
    [OperationContract]
    string send_date_hour();
#pragma warning restore CA1707, IDE1006
}
