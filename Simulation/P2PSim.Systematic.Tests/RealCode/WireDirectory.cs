using System.Buffers;
using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The directory server's request-to-reply path without a transport, as <c>DirectorySession</c> runs it: request
/// bytes through the server's decoder (a malformed request gets the operation's "other error" code), one
/// <see cref="DirectoryService.HandleAsync"/> call, the reply encoded through one <see cref="ListReplyCache"/> shared by
/// every caller (as the server shares one across sessions), then decoded by the client's decoder. The cache keeps
/// lists of any size here, so every LIST_USERS goes through it. The registry runs under the real
/// <see cref="MonitorReaderWriterLock"/> and tells a <see cref="WriteLockObserver"/> of every change.
/// </summary>
internal sealed class WireDirectory
{
    private readonly ListReplyCache _replies = new(minEntries: 1);

    public WireDirectory()
    {
        Lock = new MonitorReaderWriterLock();
        Observer = new WriteLockObserver(Lock);
        Registry = new DirectoryRegistry(Lock, Observer);
        Service = new DirectoryService(Registry);
    }

    public MonitorReaderWriterLock Lock { get; }

    public WriteLockObserver Observer { get; }

    public DirectoryRegistry Registry { get; }

    public DirectoryService Service { get; }

    /// <summary>Sends <paramref name="request"/> from <paramref name="clientHost"/> (as <paramref name="caller"/>) and returns the decoded reply.</summary>
    public DirectoryReply Send(DirectoryRequest request, string clientHost, Caller caller = default)
    {
        var output = new ArrayBufferWriter<byte>(256);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(DirectoryRequestEncoder.ToArray(request)));
        ReadOnlyMemory<byte> bytes;
        try
        {
            if (!DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out var decoded) || decoded is null)
            {
                throw new InvalidOperationException($"The server's decoder wants more bytes of a whole {request.Operation.WireName()} request.");
            }

            // The in-memory store answers synchronously, so the whole step runs here, as on the server's thread.
            var handled = Service.HandleAsync(decoded, clientHost, caller);
            if (!handled.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("The in-memory registry answered asynchronously.");
            }

            bytes = _replies.Encode(handled.Result, ResultEncoding.Ascii, output);
        }
        catch (ProtocolException e) when (e.Operation is { } operation)
        {
            DirectoryReplyEncoder.Encode(new DirectoryReply(operation, operation.OtherErrorCode()), ResultEncoding.Ascii, output);
            bytes = output.WrittenMemory;
        }

        return DirectoryReplyDecoder.Decode(request.Operation, bytes.Span);
    }
}
