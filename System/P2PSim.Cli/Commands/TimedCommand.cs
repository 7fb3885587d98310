using System.CommandLine;
using System.Globalization;
using P2PSim.Cli.Hosting;
using P2PSim.Cli.Options;
using P2PSim.TimeService;

namespace P2PSim.Cli.Commands;

/// <summary>
/// <c>p2psim timed -p PORT</c>: the SOAP 1.1 time service (spec §6): <c>get_datetime</c> and the classic aliases
/// (<c>get_date</c>, <c>get_time</c>, <c>get_current_datetime</c>, …), WSDL at <c>/?wsdl</c>. Its first stdout line gives the real address (port 0 picks one).
/// </summary>
internal static class TimedCommand
{
    public const int DefaultPort = 8000;

    public static Command Create()
    {
        var port = PortOption.Listen(DefaultPort, "the time service");
        var host = ListenHostOption.Create("--host", "IP address to listen on; 0.0.0.0 for every interface.", ipOnly: true);
        var urls = new Option<Uri?>("--urls")
        {
            Description = "Earlier way to give the address, as http://IP:PORT; use --host and --port.",
            HelpName = "URL",
            Hidden = true,
            CustomParser = result =>
            {
                var text = OptionError.Token(result);
                return UrlOption.TryParseHttp(text, out var url) && url.Scheme == Uri.UriSchemeHttp && url.AbsolutePath == "/" && url.Query.Length == 0
                    ? url
                    : OptionError.Report<Uri>(result, $"--urls '{text}' is not http://IP:PORT: give the address as --host IP --port PORT, e.g. --port {DefaultPort}");
            },
        };
        var command = new Command(
            "timed",
            "Run the SOAP time service that stamps operations (get_datetime, and get_date, get_time, get_current_datetime, get_date_time, obtener_fecha_hora, send_date_hour for classic clients; WSDL at /?wsdl): prints 't> time service at URL'. SIGINT or SIGTERM stops it (exit 0).")
        {
            port, host, urls,
        };
        CommonOptions.AddTo(command);
        CommandRunner.SetAction(command, async (parse, diagnostics, cancellationToken) =>
        {
            var (listenHost, listenPort) = Address(parse, host, port, urls);
            var url = string.Create(CultureInfo.InvariantCulture, $"http://{(listenHost.Contains(':', StringComparison.Ordinal) ? $"[{listenHost}]" : listenHost)}:{listenPort}");
            var timed = await Listening.StartAsync(listenHost, listenPort, () =>
                TimeServiceHost.StartAsync(url, loggers: diagnostics.LoggerFactory, ct: cancellationToken));
            await using (timed)
            {
                await Console.Out.WriteLineAsync($"t> time service at {timed.BaseAddress} (WSDL {timed.WsdlAddress})");
                await Console.Out.FlushAsync(cancellationToken);
                await StopSignal.WaitAsync(cancellationToken);
            }

            return 0;
        });
        return command;
    }

    /// <summary><c>--host</c> and <c>--port</c>, or the hidden <c>--urls</c> of earlier scripts (not both).</summary>
    private static (string Host, int Port) Address(ParseResult parse, Option<string> host, Option<int> port, Option<Uri?> urls)
    {
        if (parse.GetValue(urls) is not { } url)
        {
            return (parse.GetValue(host)!, parse.GetValue(port));
        }

        if (parse.GetResult(host) is { Implicit: false } || parse.GetResult(port) is { Implicit: false })
        {
            throw new UsageException("--urls is the earlier spelling of --host and --port: give either, not both");
        }

        return (url.Host.Trim('[', ']'), url.Port);
    }
}
