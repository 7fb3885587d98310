using P2PSim.Protocol;
using P2PSim.Transport;

namespace P2PSim.PropertyTests.Support;

/// <summary>Starts a fresh server bound at <paramref name="bindAt"/>, writing result codes in <paramref name="encoding"/>.</summary>
internal delegate Task<IServerUnderTest> ServerFactory(ITransport transport, TransportEndPoint bindAt, ResultEncoding encoding);
