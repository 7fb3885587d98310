using Serilog.Core;
using Serilog.Events;

namespace P2PSim.Cli.Hosting;

/// <summary>Adds <c>ExceptionSummary</c>: <c> (Type: message)</c> of an event's exception, on one line, or nothing.</summary>
internal sealed class ExceptionSummary : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var summary = logEvent.Exception is { } e ? $" ({e.GetType().Name}: {CommandRunner.OneLine(e.Message)})" : string.Empty;
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(nameof(ExceptionSummary), summary));
    }
}
