using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer.Registry;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// Every registry operation racing every other, under each kind of Coyote race checking. Observers check what a
/// linearizable registry guarantees (a listed user is fully connected; a user's files are never a mix of before and
/// after one of its operations) and the final state is what the operations' sequence implies.
/// </summary>
public sealed class RegistryInvariantTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Theory]
    [InlineData(RaceChecking.Synchronization)]
    [InlineData(RaceChecking.MemoryAccess)]
    [InlineData(RaceChecking.ControlFlow)]
    internal void Registry_invariants_hold_with_every_operation_racing(RaceChecking races)
    {
        var report = _coyote.Explore($"registry-invariants-{races.ToString().ToLowerInvariant()}", CoyoteRunner.Iterations(200));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.Equal(0, report.NumOfFoundBugs);
    }

    internal static async Task ScenarioAsync()
    {
        var registry = new DirectoryRegistry(new MonitorReaderWriterLock());
        registry.Register("observer");
        registry.Connect("observer", "127.0.0.9", 9000);

        var alice = Task.Run(() =>
        {
            registry.Register("alice");
            registry.Connect("alice", "127.0.0.1", 7001);
            registry.Publish("alice", "f1", "first");
            registry.Delete("alice", "f1");
            registry.Publish("alice", "f2", "second");
            registry.Disconnect("alice");
        });
        var bob = Task.Run(() =>
        {
            registry.Register("bob");
            registry.Connect("bob", "127.0.0.2", 7002);
            registry.Publish("bob", "f1", "bob's");
            registry.Unregister("bob");
        });
        var observer = Task.Run(() =>
        {
            var secondAlice = registry.Register("alice"); // races alice's own REGISTER: one of them wins
            Specification.Assert(secondAlice is RegistryStatus.Ok or RegistryStatus.AlreadyRegistered, $"REGISTER alice: {secondAlice}");
            for (var i = 0; i < 2; i++)
            {
                Observe(registry);
            }
        });
        await Task.WhenAll(new[] { alice, bob, observer });

        var final = registry.Snapshot().ToDictionary(u => u.Name);
        Specification.Assert(!final.ContainsKey("bob"), "bob unregistered but still in the registry");
        var a = final["alice"];
        Specification.Assert(!a.Connected && a.Ip.Length == 0 && a.Port == 0, $"alice disconnected but shows {a.Connected} '{a.Ip}':{a.Port}");
        Specification.Assert(a.Files.Count == 1 && a.Files[0].FileName == "f2", $"alice's files: [{string.Join(", ", a.Files.Select(f => f.FileName))}], expected [f2]");
    }

    private static void Observe(DirectoryRegistry registry)
    {
        if (registry.ListUsers("observer", out var users) == RegistryStatus.Ok)
        {
            foreach (var user in users)
            {
                Specification.Assert(user.Ip.Length > 0 && user.Port != 0, $"LIST_USERS saw {user.Name} half connected: '{user.Ip}':{user.Port}");
            }
        }

        if (registry.ListContent("observer", "alice", out var files) == RegistryStatus.Ok)
        {
            // f1 is deleted before f2 is published: no single moment has both.
            var names = files.Select(f => f.FileName).ToArray();
            Specification.Assert(names.Length <= 1 && names.All(n => n is "f1" or "f2"), $"LIST_CONTENT alice saw [{string.Join(", ", names)}]");
        }

        var bobStatus = registry.ListContent("observer", "bob", out var bobFiles);
        Specification.Assert(
            bobStatus == RegistryStatus.NoSuchRemoteUser || (bobStatus == RegistryStatus.Ok && bobFiles.All(f => f.FileName == "f1")),
            $"LIST_CONTENT bob: {bobStatus} [{string.Join(", ", bobFiles.Select(f => f.FileName))}]");
    }
}
