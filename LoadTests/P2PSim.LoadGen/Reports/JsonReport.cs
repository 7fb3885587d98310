using System.Text.Json;
using System.Text.Json.Serialization;
using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadGen.Reports;

/// <summary>The whole report as JSON: what the HTML page charts and what other tools read back.</summary>
internal static class JsonReport
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Render(SuiteReport report) => JsonSerializer.Serialize(report, Options);
}
