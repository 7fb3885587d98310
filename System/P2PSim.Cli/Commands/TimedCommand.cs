using System.CommandLine;
using P2PSim.Cli.Hosting;
using P2PSim.TimeService;

namespace P2PSim.Cli.Commands;

/// <summary>
/// <c>p2psim timed</c>: the SOAP 1.1 time service (spec §6): <c>get_datetime</c>, <c>get_date</c>, <c>get_time</c>,
/// WSDL at <c>/?wsdl</c>. Its first stdout line gives the real address (port 0 picks one).
/// </summary>
internal static class TimedCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Address to serve on (port 0 picks a free one).",
            DefaultValueFactory = _ => "http://127.0.0.1:8000",
        };
        var command = new Command("timed", "Run the SOAP time service that stamps operations.") { urls };
        CommonOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var diagnostics = Diagnostics.Create(parse, "timed");
            TimeServiceHost host;
            try
            {
                host = await TimeServiceHost.StartAsync(parse.GetValue(urls)!, loggers: diagnostics.LoggerFactory, ct: cancellationToken);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"p2psim timed: cannot listen on {parse.GetValue(urls)}: {e.Message}");
                return 2;
            }

            await using (host)
            {
                await Console.Out.WriteLineAsync($"t> time service at {host.BaseAddress} (WSDL {host.WsdlAddress})");
                await Console.Out.FlushAsync(cancellationToken);
                await StopSignal.WaitAsync(cancellationToken);
            }

            return 0;
        });
        return command;
    }
}
