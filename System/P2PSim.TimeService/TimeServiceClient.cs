using System.ServiceModel;
using System.ServiceModel.Description;

namespace P2PSim.TimeService;

/// <summary>
/// WCF client of the time service (P2PSim's or a classic spyne one): SOAP 1.1 over <see cref="BasicHttpBinding"/>,
/// a short timeout, one channel per call. Thread-safe.
/// </summary>
/// <remarks>
/// A classic service works when its operation is one of <see cref="TimeServiceContract.Operations"/>
/// (choose it with <c>operation</c>) and its result element is <c>&lt;op&gt;Result</c> (spyne's default). Its
/// <c>tns</c> may differ from ours: pass it as <c>contractNamespace</c>.
/// </remarks>
public sealed class TimeServiceClient : IDisposable
{
    /// <summary>The default timeout of a call.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private const long MaxReplySize = 64 * 1024;

    private readonly ChannelFactory<ITimeServiceChannel> _factory;
    private readonly Func<ITimeServiceChannel, Task<string?>> _call;

    /// <summary>Creates a client of the service at <paramref name="address"/> (e.g. <c>http://127.0.0.1:8000/</c>).</summary>
    /// <param name="address">The SOAP endpoint (the WSDL address without <c>?wsdl</c>).</param>
    /// <param name="timeout">The whole-call timeout; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="operation">Which operation to call: <c>get_datetime</c> (default) or another of <see cref="TimeServiceContract.Operations"/>.</param>
    /// <param name="contractNamespace">The service's XML namespace (spyne <c>tns</c>); ours by default.</param>
    public TimeServiceClient(
        Uri address,
        TimeSpan? timeout = null,
        string operation = TimeServiceContract.GetDateTime,
        string contractNamespace = TimeServiceContract.Namespace)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(contractNamespace);
        _call = operation switch
        {
            TimeServiceContract.GetDateTime => static channel => channel.GetDateTimeAsync(),
            TimeServiceContract.GetDate => static channel => channel.GetDateAsync(),
            TimeServiceContract.GetTime => static channel => channel.GetTimeAsync(),
            TimeServiceContract.GetCurrentDateTime => static channel => channel.GetCurrentDateTimeAsync(),
            TimeServiceContract.GetDateAndTime => static channel => channel.GetDateAndTimeAsync(),
            TimeServiceContract.ObtenerFechaHora => static channel => channel.ObtenerFechaHoraAsync(),
            TimeServiceContract.SendDateHour => static channel => channel.SendDateHourAsync(),
            _ => throw new ArgumentException(
                $"Unknown time operation '{operation}'; use one of {string.Join(", ", TimeServiceContract.Operations)}.", nameof(operation)),
        };

        Address = address;
        Operation = operation;
        Timeout = timeout ?? DefaultTimeout;
        var binding = new BasicHttpBinding(BasicHttpSecurityMode.None)
        {
            OpenTimeout = Timeout,
            SendTimeout = Timeout,
            ReceiveTimeout = Timeout,
            CloseTimeout = Timeout,
            MaxReceivedMessageSize = MaxReplySize,
            MaxBufferSize = (int)MaxReplySize,
        };
        _factory = new ChannelFactory<ITimeServiceChannel>(binding, new EndpointAddress(address));
        if (contractNamespace != TimeServiceContract.Namespace)
        {
            Renamespace(_factory.Endpoint.Contract, contractNamespace);
        }
    }

    /// <summary>The SOAP endpoint called.</summary>
    public Uri Address { get; }

    /// <summary>The operation called.</summary>
    public string Operation { get; }

    /// <summary>The whole-call timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Asks the service for the time; the raw string it answered (null if it answered nothing).</summary>
    /// <exception cref="TimeServiceUnavailableException">The service is down, slow, or answered with a fault.</exception>
    public async Task<string?> GetTimestampAsync(CancellationToken cancellationToken = default)
    {
        var channel = _factory.CreateChannel();
        var communication = (IClientChannel)channel;
        try
        {
            var result = await _call(channel).WaitAsync(Timeout, cancellationToken);
            communication.Close();
            return result;
        }
        catch (Exception e) when (e is CommunicationException or TimeoutException)
        {
            communication.Abort();
            throw new TimeServiceUnavailableException(
                $"The time service at {Address} did not answer {Operation}: {e.GetType().Name}: {e.Message}", e);
        }
        catch
        {
            communication.Abort();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_factory.State == CommunicationState.Opened)
        {
            try
            {
                _factory.Close();
                return;
            }
            catch (CommunicationException)
            {
            }
            catch (TimeoutException)
            {
            }
        }

        _factory.Abort();
    }

    // The contract attributes fix the namespace at compile time; a classic service with another tns needs the
    // description rewritten before the factory opens (the formatters are built from it then). The SOAPAction keeps
    // our namespace; spyne dispatches on the body element, not on SOAPAction.
    private static void Renamespace(ContractDescription contract, string ns)
    {
        contract.Namespace = ns;
        foreach (var operation in contract.Operations)
        {
            foreach (var message in operation.Messages)
            {
                message.Body.WrapperNamespace = ns;
                if (message.Body.ReturnValue is { } result)
                {
                    message.Body.ReturnValue = new MessagePartDescription(result.Name, ns) { Type = result.Type };
                }
            }
        }
    }
}
