using P2PSim.Cli.Options;
using P2PSim.Transport;

namespace P2PSim.Cli.Hosting;

/// <summary>
/// Starting a service that binds an address: a port in use or an address that cannot be bound is the user's to
/// fix, so it becomes a <see cref="UsageException"/> (exit 2) saying so. Transport failures arrive as
/// <see cref="AddressInUseException"/> or other <see cref="IOException"/>s, whatever the socket layer said; Kestrel
/// (the time service) wraps its own AddressInUseException in an <see cref="IOException"/>.
/// </summary>
internal static class Listening
{
    /// <summary>Starts the service; a bind failure becomes a <see cref="UsageException"/> naming <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static async Task<T> StartAsync<T>(string host, int port, Func<Task<T>> start)
    {
        var where = new TransportEndPoint(host, port);
        try
        {
            return await start();
        }
        catch (IOException e) when (IsAddressInUse(e))
        {
            throw new UsageException($"{where} is already in use: pick another --port (0 picks a free one) or stop the process using it", e);
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot listen on {where} ({CommandRunner.OneLine(e.Message)}): give another --host or --port", e);
        }
    }

    private static bool IsAddressInUse(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is AddressInUseException || inner.GetType().Name == nameof(AddressInUseException))
            {
                return true;
            }
        }

        return false;
    }
}
