using System.CommandLine;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Json;

namespace P2PSim.Cli.Hosting;

/// <summary>
/// Serilog set-up for the executable. Diagnostics go to stderr (and optionally a file), never to stdout, where the
/// classic console lines (<c>s&gt; …</c>, <c>c&gt; …</c>) must stay exactly as the spec prints them.
/// </summary>
internal sealed class Diagnostics : IDisposable
{
    private readonly Serilog.Core.Logger _serilog;
    private readonly SerilogLoggerFactory _factory;

    private Diagnostics(Serilog.Core.Logger serilog)
    {
        _serilog = serilog;
        _factory = new SerilogLoggerFactory(serilog);
    }

    public static Diagnostics Create(ParseResult parse, string component)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(parse.GetValue(CommonOptions.LogLevel))
            .Enrich.WithProperty("Component", component)
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Component}: {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose);
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
