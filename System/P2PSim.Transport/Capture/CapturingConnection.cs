namespace P2PSim.Transport.Capture;

/// <summary>An inner connection whose bytes, half-close, close and reset are recorded.</summary>
internal sealed class CapturingConnection : IConnection
{
    private readonly IConnection _inner;
    private readonly TrafficCapture _capture;
    private readonly CaptureFlow _flow;
    private readonly bool _isClient;

    public CapturingConnection(IConnection inner, TrafficCapture capture, CaptureFlow flow, bool isClient)
    {
        _inner = inner;
        _capture = capture;
        _flow = flow;
        _isClient = isClient;
        Stream = new CapturingStream(inner.Stream, capture, flow, isClient);
    }

    public string Id => _inner.Id;

    public TransportEndPoint LocalEndPoint => _inner.LocalEndPoint;

    public TransportEndPoint RemoteEndPoint => _inner.RemoteEndPoint;

    public Stream Stream { get; }

    public void ShutdownOutput()
    {
        _inner.ShutdownOutput();
        _capture.Finish(_flow, _isClient);
    }

    public void Abort()
    {
        _inner.Abort();
        _capture.Abort(_flow, _isClient);
    }

    public async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        _capture.Finish(_flow, _isClient);
    }
}
