using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.DirectoryServer.Tests.Durable;

/// <summary>The journal on a real (temporary) directory: files, names, atomic snapshot, reload.</summary>
public sealed class FileJournalStorageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "p2psim-journal-" + Path.GetRandomFileName());

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Write_rotate_compact_dispose_and_reload()
    {
        var storage = new FileJournalStorage(_directory);
        Assert.Empty(RegistryRecovery.Load(storage).Records);

        var writer = new JournalWriter(storage, 0);
        writer.Append(RegistryRecord.AccountCreated("alice", Records.Password, 1));
        writer.Append(RegistryRecord.Connected("alice", "127.0.0.1", 7000, 4));
        var generation = writer.Rotate();
        var atRotation = writer.Appended;
        writer.Append(RegistryRecord.Published("alice", "song.mp3", "été"));
        await writer.WhenDurableAsync(atRotation).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(File.Exists(Path.Combine(_directory, "journal-00000000.log")));

        var state = new List<RegistryRecord>();
        RegistrySnapshot.AddUser(state, "alice", Records.Password, 1, true, "127.0.0.1", 7000, 4, false, []);
        RegistrySnapshotWriter.Write(storage, new RegistrySnapshot(generation, 4, 1, state));
        await writer.DisposeAsync();

        Assert.Equal(["journal-00000001.log", "snapshot.bin"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
        var recovered = RegistryRecovery.Load(new FileJournalStorage(_directory));
        Assert.Equal(
            [
                RegistryRecord.AccountCreated("alice", Records.Password, 1),
                RegistryRecord.Connected("alice", "127.0.0.1", 7000, 4),
                RegistryRecord.Published("alice", "song.mp3", "été"),
            ],
            recovered.Records);
        Assert.Equal((1L, 1L, 4L, 1L), (recovered.Generation, recovered.AppendGeneration, recovered.LastSession, recovered.LastAccount));
    }

    [Fact]
    public async Task A_torn_tail_on_disk_is_cut_off_and_appending_continues()
    {
        var storage = new FileJournalStorage(_directory);
        await using (var writer = new JournalWriter(storage, 0))
        {
            writer.Append(RegistryRecord.Registered("a"));
            writer.Append(RegistryRecord.Registered("b"));
        }

        var path = storage.JournalPath(0);
        var whole = new FileInfo(path).Length;
        await File.AppendAllBytesAsync(path, [0x20, 0, 0, 0, 1, 2]);

        var recovered = RegistryRecovery.Load(storage);
        Assert.Equal(new DiscardedTail(0, whole, 6, RegistryDecodeStatus.Incomplete), recovered.Report.DiscardedTail);
        Assert.Equal(whole, new FileInfo(path).Length);

        await using (var writer = new JournalWriter(storage, recovered.AppendGeneration))
        {
            writer.Append(RegistryRecord.Registered("c"));
        }

        Assert.Equal(["a", "b", "c"], RegistryRecovery.Load(storage).Records.Select(r => r.User));
    }

    [Fact]
    public void Only_well_named_journals_are_listed()
    {
        var storage = new FileJournalStorage(_directory);
        foreach (var name in new[] { "journal-00000002.log", "journal-00000010.log", "journal-2.log", "journal-x.log", "journal-00000003.log.tmp" })
        {
            File.WriteAllBytes(Path.Combine(_directory, name), []);
        }

        Assert.Equal([2L, 10L], storage.ListJournals());
    }

    [Fact]
    public void A_directory_that_cannot_be_fsynced_is_an_IOException_naming_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // directories are fsynced on Linux only
        }

        var missing = Path.Combine(_directory, "missing");

        var error = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_replaces_the_previous_one_whole()
    {
        var storage = new FileJournalStorage(_directory);
        Assert.Null(storage.ReadSnapshot());

        storage.WriteSnapshot([1, 2, 3]);
        storage.WriteSnapshot([4, 5]);

        Assert.Equal([4, 5], storage.ReadSnapshot());
        Assert.Equal(["snapshot.bin"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }
}
