using System.ServiceModel;

namespace P2PSim.TimeService;

/// <summary>
/// The client side of <see cref="ITimeService"/>, written by hand with task-based operations; same contract name
/// and namespace, so the SOAP element names (<c>get_datetime</c>, <c>get_datetimeResponse</c>,
/// <c>get_datetimeResult</c>) and SOAPAction match the service and spyne services with the same <c>tns</c>.
/// </summary>
[ServiceContract(Namespace = TimeServiceContract.Namespace, Name = TimeServiceContract.Name)]
internal interface ITimeServiceChannel
{
    [OperationContract(Name = TimeServiceContract.GetDateTime)]
    Task<string?> GetDateTimeAsync();

    [OperationContract(Name = TimeServiceContract.GetDate)]
    Task<string?> GetDateAsync();

    [OperationContract(Name = TimeServiceContract.GetTime)]
    Task<string?> GetTimeAsync();

    [OperationContract(Name = TimeServiceContract.GetCurrentDateTime)]
    Task<string?> GetCurrentDateTimeAsync();

    [OperationContract(Name = TimeServiceContract.GetDateAndTime)]
    Task<string?> GetDateAndTimeAsync();

    [OperationContract(Name = TimeServiceContract.ObtenerFechaHora)]
    Task<string?> ObtenerFechaHoraAsync();

    [OperationContract(Name = TimeServiceContract.SendDateHour)]
    Task<string?> SendDateHourAsync();
}
