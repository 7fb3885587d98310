using System.CommandLine;
using P2PSim.Transport;

namespace P2PSim.Cli.Hosting;

/// <summary>
/// Checks host and port options when the command line is parsed, so a port outside 0-65535 or an empty host is a
/// usage error with a clear message rather than an exception from the address it would have made.
/// </summary>
internal static class AddressOptions
{
    public static Option<int> ValidatePort(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var port and (< 0 or > TransportEndPoint.MaxPort))
            {
                result.AddError($"{option.Name} {port} is not a port: use 0 to {TransportEndPoint.MaxPort}.");
            }
        });
        return option;
    }

    public static Option<string> ValidateHost(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{option.Name} needs a host: an IP address or a host name.");
            }
        });
        return option;
    }
}
