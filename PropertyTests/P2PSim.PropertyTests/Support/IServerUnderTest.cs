using P2PSim.DirectoryServer.Registry;
using P2PSim.Transport;

namespace P2PSim.PropertyTests.Support;

/// <summary>A running directory server a property talks to: the real one, or a planted wrong variant.</summary>
internal interface IServerUnderTest : IAsyncDisposable
{
    /// <summary>Where clients connect.</summary>
    TransportEndPoint EndPoint { get; }

    /// <summary>
    /// Every server of the registry under test: one, or several sharing one store. Concurrent client k talks to
    /// server k modulo their number.
    /// </summary>
    IReadOnlyList<TransportEndPoint> EndPoints => [EndPoint];

    /// <summary>
    /// The bucket of a user's keys when the registry reads across buckets one bucket at a time (a Redis Cluster):
    /// the concurrent histories are then checked per bucket (<c>PerBucketSteps</c>). Null: one atomic registry.
    /// </summary>
    Func<string, int>? BucketOf => null;

    /// <summary>The registry's state, compared with the model at the end of a session.</summary>
    ValueTask<IReadOnlyList<RegisteredUser>> SnapshotAsync();
}
