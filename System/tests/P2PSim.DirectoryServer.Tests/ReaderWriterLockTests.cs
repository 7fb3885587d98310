using P2PSim.DirectoryServer.Registry;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>
/// The registry's lock, one blocking rule at a time: readers share, a writer excludes readers and writers, and a
/// waiting writer goes before readers that arrive after it. Every wait that must block is checked as "not done
/// yet" after a pause and "done" after the release, so a slow machine can only make a passing test slower.
/// </summary>
public sealed class ReaderWriterLockTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Readers_share_the_lock()
    {
        var rw = new MonitorReaderWriterLock();
        rw.EnterRead();
        await Task.Run(rw.EnterRead).WaitAsync(Deadline);
        rw.ExitRead();
        rw.ExitRead();
        await Task.Run(rw.EnterWrite).WaitAsync(Deadline); // both readers left: free for a writer
        rw.ExitWrite();
    }

    [Fact]
    public async Task A_writer_waits_for_every_reader_to_leave()
    {
        var rw = new MonitorReaderWriterLock();
        rw.EnterRead();
        rw.EnterRead();
        var writer = Task.Run(rw.EnterWrite);
        await Task.Delay(Pause);
        Assert.False(writer.IsCompleted);

        rw.ExitRead();
        await Task.Delay(Pause);
        Assert.False(writer.IsCompleted); // one reader still holds it

        rw.ExitRead();
        await writer.WaitAsync(Deadline);
        rw.ExitWrite();
    }

    [Fact]
    public async Task A_writer_excludes_readers_and_other_writers_until_it_leaves()
    {
        var rw = new MonitorReaderWriterLock();
        rw.EnterWrite();
        var reader = Task.Run(rw.EnterRead);
        var writer = Task.Run(rw.EnterWrite);
        await Task.Delay(Pause);
        Assert.False(reader.IsCompleted);
        Assert.False(writer.IsCompleted);

        rw.ExitWrite();
        var first = await Task.WhenAny(reader, writer).WaitAsync(Deadline);
        await Task.Delay(Pause);
        Assert.False((first == reader ? writer : reader).IsCompleted); // the two still exclude each other
        if (first == reader)
        {
            rw.ExitRead();
        }
        else
        {
            rw.ExitWrite();
        }

        await Task.WhenAll(new[] { reader, writer }).WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_waiting_writer_goes_before_readers_that_come_after_it()
    {
        var rw = new MonitorReaderWriterLock();
        rw.EnterRead();
        var writer = Task.Run(rw.EnterWrite);
        await Task.Delay(Pause);
        var lateReader = Task.Run(rw.EnterRead);
        await Task.Delay(Pause);
        Assert.False(lateReader.IsCompleted); // writer preference: no reader overtakes a waiting writer
        Assert.False(writer.IsCompleted);

        rw.ExitRead();
        await writer.WaitAsync(Deadline);
        await Task.Delay(Pause);
        Assert.False(lateReader.IsCompleted);
        rw.ExitWrite();
        await lateReader.WaitAsync(Deadline);
        rw.ExitRead();
    }

    [Fact]
    public async Task The_registry_takes_its_given_lock_for_reads_and_writes()
    {
        var rw = new CountingLock();
        var registry = new DirectoryRegistry(rw);
        registry.Register("alice");
        registry.ListUsers("alice", out _);
        Assert.True(rw.Writes >= 1);
        Assert.True(rw.Reads >= 1);
        Assert.Equal(0, rw.Held);
        await Task.CompletedTask;
    }

    private sealed class CountingLock : IReaderWriterLock
    {
        private readonly MonitorReaderWriterLock _inner = new();

        public int Reads { get; private set; }

        public int Writes { get; private set; }

        public int Held { get; private set; }

        public bool IsWriteHeld => _inner.IsWriteHeld;

        public void EnterRead()
        {
            _inner.EnterRead();
            Reads++;
            Held++;
        }

        public void ExitRead()
        {
            Held--;
            _inner.ExitRead();
        }

        public void EnterWrite()
        {
            _inner.EnterWrite();
            Writes++;
            Held++;
        }

        public void ExitWrite()
        {
            Held--;
            _inner.ExitWrite();
        }
    }
}
