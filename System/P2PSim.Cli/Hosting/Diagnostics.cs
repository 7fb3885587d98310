using System.CommandLine;
using P2PSim.Cli.Options;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Json;

namespace P2PSim.Cli.Hosting;

/// <summary>
/// Serilog set-up for the executable. Diagnostics go to stderr (and optionally a file), never to stdout, where the
/// classic console lines (<c>s&gt; …</c>, <c>c&gt; …</c>) must stay exactly as the spec prints them. Below Debug an
/// exception shows as its type and message on the event's line; its stack trace only from Debug down (and always
/// in the file).
/// </summary>
internal sealed class Diagnostics : IDisposable
{
    private const string LineTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Component}: {Message:lj}";

    private readonly Serilog.Core.Logger _serilog;
    private readonly SerilogLoggerFactory _factory;

    private Diagnostics(Serilog.Core.Logger serilog)
    {
        _serilog = serilog;
        _factory = new SerilogLoggerFactory(serilog);
    }

    public static Diagnostics Create(ParseResult parse, string component)
    {
        var level = parse.GetValue(CommonOptions.LogLevel);
        var detailed = level <= LogEventLevel.Debug;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)

            // A web host that fails to start logs the failure with its stack trace; the command reports it in one line.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting", detailed ? level : LogEventLevel.Fatal)
            .Enrich.WithProperty("Component", component)
            .Enrich.With<ExceptionSummary>()
            .WriteTo.Console(
                outputTemplate: LineTemplate + (detailed ? "{NewLine}{Exception}" : "{ExceptionSummary:l}{NewLine}"),
                standardErrorFromLevel: LogEventLevel.Verbose);
        if (parse.GetValue(CommonOptions.LogFile) is { } file)
        {
            configuration = configuration.WriteTo.File(new JsonFormatter(renderMessage: true), file.FullName);
        }

        return new Diagnostics(configuration.CreateLogger());
    }

    public Microsoft.Extensions.Logging.ILoggerFactory LoggerFactory => _factory;

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string category) => _factory.CreateLogger(category);

    public void Dispose()
    {
        _factory.Dispose();
        _serilog.Dispose();
    }
}
