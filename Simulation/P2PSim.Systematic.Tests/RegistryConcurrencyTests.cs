using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer.Registry;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// The registry under concurrent operations, explored systematically by Coyote. Each scenario races operations
/// whose outcome the spec fixes (exactly one of two REGISTERs of a name wins) and checks, from every reader's
/// point of view, that no half-done write is ever visible.
/// </summary>
public sealed class RegistryConcurrencyTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Fact]
    public void Registry_operations_are_atomic_under_every_explored_schedule()
    {
        var report = _coyote.Explore("registry-atomicity", CoyoteRunner.Iterations(300));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.Equal(0, report.NumOfFoundBugs);
    }

    /// <summary>
    /// Two clients race to register and connect the same name, a third publishes and lists while they do.
    /// Asserts: exactly one REGISTER and one CONNECT win; every LIST_USERS entry is a fully connected user; the
    /// final registry is what the winners' acknowledgements imply.
    /// </summary>
    internal static async Task RacingScenarioAsync()
    {
        var registry = new DirectoryRegistry(new MonitorReaderWriterLock());
        registry.Register("observer");
        registry.Connect("observer", "127.0.0.9", 9000);

        var first = Task.Run(() => RegisterAndConnect(registry, "127.0.0.1", 7001));
        var second = Task.Run(() => RegisterAndConnect(registry, "127.0.0.2", 7002));
        var observer = Task.Run(() =>
        {
            for (var i = 0; i < 2; i++)
            {
                if (registry.ListUsers("observer", out var users) == RegistryStatus.Ok)
                {
                    foreach (var user in users)
                    {
                        Specification.Assert(user.Port != 0 && user.Ip.Length > 0, $"LIST_USERS saw {user.Name} half connected: '{user.Ip}':{user.Port}");
                    }
                }
            }
        });
        await Task.WhenAll(new[] { first, second, observer });

        var registered = (first.Result.Register == RegistryStatus.Ok ? 1 : 0) + (second.Result.Register == RegistryStatus.Ok ? 1 : 0);
        var connected = (first.Result.Connect == RegistryStatus.Ok ? 1 : 0) + (second.Result.Connect == RegistryStatus.Ok ? 1 : 0);
        Specification.Assert(registered == 1, $"{registered} REGISTERs of one name succeeded");
        Specification.Assert(connected == 1, $"{connected} CONNECTs of one user succeeded");

        var winner = first.Result.Connect == RegistryStatus.Ok ? 7001 : 7002;
        var shared = registry.Snapshot().Single(u => u.Name == "shared");
        Specification.Assert(shared.Connected && shared.Port == winner, $"registry has port {shared.Port}, the acknowledged CONNECT said {winner}");
    }

    private static (RegistryStatus Register, RegistryStatus Connect) RegisterAndConnect(DirectoryRegistry registry, string ip, int port) =>
        (registry.Register("shared"), registry.Connect("shared", ip, port));
}
