using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer.Registry;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// (a) Lost update: PUBLISH as a copy-on-write read-modify-write of the user's file list, reading under the read
/// lock and writing the new list back under a separate write lock. Two PUBLISHes by one user both answer OK and
/// one file vanishes. The product registry mutates the list in one write-locked step.
/// </summary>
internal static class LostUpdatePublish
{
    public static PlantedBug Bug { get; } = new(
        "lost-update-publish",
        "PUBLISH reads the file list under the read lock, writes it back under another: one of two PUBLISHes is lost",
        RaceChecking.Synchronization, Bound: 200, ScenarioAsync, "PUBLISH acknowledged but missing");

    private static async Task ScenarioAsync()
    {
        var index = new CopyOnWriteFileIndex(new MonitorReaderWriterLock());
        var first = Task.Run(() => index.Publish("alice", "a.txt"));
        var second = Task.Run(() => index.Publish("alice", "b.txt"));
        await Task.WhenAll(new[] { first, second });

        var files = index.List("alice");
        Specification.Assert(first.Result == RegistryStatus.Ok && second.Result == RegistryStatus.Ok, "both PUBLISHes should succeed");
        Specification.Assert(files.Count == 2, $"PUBLISH acknowledged but missing: LIST_CONTENT shows [{string.Join(", ", files)}]");
    }

    /// <summary>The buggy variant: each user's files as an immutable array, replaced wholesale.</summary>
    private sealed class CopyOnWriteFileIndex(IReaderWriterLock rwLock)
    {
        private readonly Dictionary<string, string[]> _files = new(StringComparer.Ordinal);

        public RegistryStatus Publish(string user, string fileName)
        {
            string[] current;
            using (rwLock.Read())
            {
                current = _files.GetValueOrDefault(user) ?? [];
                if (current.Contains(fileName))
                {
                    return RegistryStatus.AlreadyPublished;
                }
            }

            string[] updated = [.. current, fileName];
            using (rwLock.Write())
            {
                _files[user] = updated; // BUG: overwrites whatever another PUBLISH wrote since the read
            }

            return RegistryStatus.Ok;
        }

        public IReadOnlyList<string> List(string user)
        {
            using (rwLock.Read())
            {
                return _files.GetValueOrDefault(user) ?? [];
            }
        }
    }
}
