using Microsoft.Extensions.Logging;

namespace P2PSim.Fixtures.Cluster;

/// <summary>Diagnostics of an in-process node, from Information up, as lines of its <see cref="NodeOutput"/>.</summary>
internal sealed class NodeLoggerFactory(NodeOutput output) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new NodeLogger<object>(output, categoryName);

    public ILogger<T> CreateLogger<T>() => new NodeLogger<T>(output, typeof(T).Name);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("A node's diagnostics go to its output only.");

    public void Dispose()
    {
    }
}
