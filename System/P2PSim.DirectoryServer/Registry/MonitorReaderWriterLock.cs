namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// A writer-preferring reader/writer lock on <c>lock</c> + <see cref="Monitor.Wait(object)"/>/<see cref="Monitor.PulseAll"/>.
/// Not <see cref="ReaderWriterLockSlim"/> nor <see cref="System.Threading.Lock"/>: Coyote controls Monitor but not
/// those, and the registry must be explorable systematically. Critical sections are a few dictionary operations,
/// so a thread waits microseconds at most. Waiting writers block new readers, so a stream of LIST_USERS cannot
/// starve REGISTER.
/// </summary>
public sealed class MonitorReaderWriterLock : IReaderWriterLock
{
    private readonly object _gate = new();
    private int _readers;
    private int _waitingWriters;
    private bool _writer;

    /// <inheritdoc/>
    /// <remarks>Read without the gate: taking it would add a scheduling point to every assertion.</remarks>
    public bool IsWriteHeld => Volatile.Read(ref _writer);

    /// <inheritdoc/>
    public void EnterRead()
    {
        lock (_gate)
        {
            while (_writer || _waitingWriters > 0)
            {
                Monitor.Wait(_gate);
            }

            _readers++;
        }
    }

    /// <inheritdoc/>
    public void ExitRead()
    {
        lock (_gate)
        {
            _readers--;
            if (_readers == 0 && _waitingWriters > 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <inheritdoc/>
    public void EnterWrite()
    {
        lock (_gate)
        {
            _waitingWriters++;
            while (_writer || _readers > 0)
            {
                Monitor.Wait(_gate);
            }

            _waitingWriters--;
            _writer = true;
        }
    }

    /// <inheritdoc/>
    public void ExitWrite()
    {
        lock (_gate)
        {
            _writer = false;
            Monitor.PulseAll(_gate);
        }
    }
}
