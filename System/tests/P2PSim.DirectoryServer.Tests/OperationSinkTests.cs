using Moq;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>
/// What the service tells its operation sink (the log service's feed): exactly one record per handled request,
/// failures included, with the operation's file name, the client's stamp and address, made once the registry holds
/// the change.
/// </summary>
public sealed class OperationSinkTests
{
    private readonly Mock<IOperationSink> _sink = new(MockBehavior.Strict);
    private readonly DirectoryService _service;

    public OperationSinkTests()
    {
        _sink.Setup(s => s.OnOperation(It.IsAny<OperationRecord>()));
        _service = new DirectoryService(new DirectoryRegistry(), _sink.Object);
    }

    [Fact]
    public async Task Every_request_is_reported_once_with_its_code_file_name_and_stamp()
    {
        const string Stamp = "24/11/2026 10:00:00";
        await _service.HandleAsync(new RegisterRequest(Stamp, "ann"), "127.0.0.1");
        await _service.HandleAsync(new ConnectRequest(null, "ann", 4001), "127.0.0.2");
        await _service.HandleAsync(new PublishRequest(null, "ann", "movie.bin", "a film"), "127.0.0.2");
        await _service.HandleAsync(new FindSourcesRequest(null, "bob", "movie.bin"), "127.0.0.3");
        await _service.HandleAsync(new DeleteRequest(null, "zed", "x"), "127.0.0.4");

        _sink.Verify(s => s.OnOperation(new OperationRecord(Operation.Register, "ann", null, Stamp, 0, "127.0.0.1")), Times.Once);
        _sink.Verify(s => s.OnOperation(new OperationRecord(Operation.Connect, "ann", null, null, 0, "127.0.0.2")), Times.Once);
        _sink.Verify(s => s.OnOperation(new OperationRecord(Operation.Publish, "ann", "movie.bin", null, 0, "127.0.0.2")), Times.Once);
        _sink.Verify(s => s.OnOperation(new OperationRecord(Operation.FindSources, "bob", "movie.bin", null, 0, "127.0.0.3")), Times.Once);
        _sink.Verify(s => s.OnOperation(new OperationRecord(Operation.Delete, "zed", "x", null, 1, "127.0.0.4")), Times.Once);
        _sink.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task The_record_is_made_after_the_registry_changed()
    {
        var registry = new DirectoryRegistry();
        var sink = new Mock<IOperationSink>(MockBehavior.Strict);
        sink.Setup(s => s.OnOperation(It.IsAny<OperationRecord>()))
            .Callback<OperationRecord>(_ => Assert.Single(registry.Snapshot())); // the user is already there
        await new DirectoryService(registry, sink.Object).HandleAsync(new RegisterRequest(null, "ann"), "127.0.0.1");

        sink.Verify(s => s.OnOperation(It.Is<OperationRecord>(r => r.Operation == Operation.Register && r.ResultCode == 0)), Times.Once);
    }
}
