using System.Reflection;
using Microsoft.Extensions.Logging;

namespace P2PSim.IntegrationTests;

/// <summary>
/// Diagnostic event ids are unique across every library the executable ships, each library in its own thousand, so
/// an id in a log file names one event wherever it came from.
/// </summary>
public sealed class LogEventIdTests
{
    /// <summary>Each assembly's range: its first id; it owns that thousand.</summary>
    public static TheoryData<string, int> Ranges => new()
    {
        { "P2PSim.Transport", 1000 },
        { "P2PSim.DirectoryServer", 2000 },
        { "P2PSim.Peer", 3000 },
        { "P2PSim.Shell", 4000 },
        { "P2PSim.LogService", 5000 },
        { "P2PSim.LogSink", 6000 },
        { "P2PSim.TimeService", 7000 },
        { "P2PSim.Rpc", 8000 },
        { "p2psim", 9000 },
    };

    [Fact]
    public void No_two_events_share_an_id()
    {
        var events = Events();

        var duplicates = events.GroupBy(e => e.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Name))}").ToList();
        Assert.True(duplicates.Count == 0, "duplicate event ids: " + string.Join("; ", duplicates));
        Assert.True(events.Count >= 50, $"found only {events.Count} events: is the reflection looking in the right place?");
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Each_library_keeps_to_its_thousand(string assembly, int first)
    {
        var outside = Events().Where(e => e.Assembly == assembly && (e.Id < first || e.Id > first + 999)).Select(e => $"{e.Name} = {e.Id}").ToList();

        Assert.True(outside.Count == 0, $"{assembly} owns {first}–{first + 999}: " + string.Join(", ", outside));
    }

    [Fact]
    public void Every_library_that_logs_has_a_range()
    {
        var known = Ranges.Select(r => (string)r[0]).ToHashSet(StringComparer.Ordinal);

        Assert.All(Events().Select(e => e.Assembly).Distinct(), a => Assert.Contains(a, known));
    }

    /// <summary>Every [LoggerMessage] method in P2PSim's assemblies, from the executable's folder.</summary>
    private static List<(string Assembly, string Name, int Id)> Events() =>
    [
        .. Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not null && (n == "p2psim" || (n.StartsWith("P2PSim.", StringComparison.Ordinal) && !n.EndsWith("Tests", StringComparison.Ordinal))))
            .Select(n => Assembly.Load(new AssemblyName(n!)))
            .SelectMany(a => a.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
                .Where(x => x.Attribute is not null)
                .Select(x => (a.GetName().Name!, $"{x.Method.DeclaringType!.FullName}.{x.Method.Name}", x.Attribute!.EventId))),
    ];
}
