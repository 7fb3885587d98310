using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;

namespace P2PSim.LogService.Tests;

public sealed class LogRpcDispatcherTests
{
    private readonly MemoryLogStore _store = new();

    private LogRpcDispatcher Dispatcher => new(_store);

    [Fact]
    public void Null_answers_success_with_no_results()
    {
        var reply = Dispatcher.Handle(RpcCalls.Null(7));
        Assert.Equal(7u, reply.Xid);
        Assert.Equal(ReplyStatus.Accepted, reply.Status);
        Assert.Equal(AcceptStatus.Success, reply.AcceptStatus);
        Assert.True(reply.Results.IsEmpty);
    }

    [Fact]
    public void Log_entry_stores_the_entry_and_answers_ok()
    {
        var entry = RpcCalls.Entry(1, file: "song.mp3");
        var reply = Dispatcher.Handle(RpcCalls.LogEntryCall(entry));
        Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(reply));
        Assert.Equal([entry], _store.Entries);
    }

    [Fact]
    public void Log_batch_stores_all_in_order_and_answers_the_count()
    {
        LogEntry[] entries = [RpcCalls.Entry(1), RpcCalls.Entry(2), RpcCalls.Entry(3)];
        var reply = Dispatcher.Handle(RpcCalls.LogBatchCall(entries));
        Assert.Equal(3, RpcCalls.ReadInt(reply));
        Assert.Equal(entries, _store.Entries);
    }

    [Fact]
    public void Empty_batch_answers_zero()
    {
        Assert.Equal(0, RpcCalls.ReadInt(Dispatcher.Handle(RpcCalls.LogBatchCall([]))));
    }

    [Fact]
    public void Other_program_is_prog_unavail()
    {
        var reply = Dispatcher.Handle(RpcCalls.Null() with { Program = 100003 });
        Assert.Equal(AcceptStatus.ProgramUnavailable, reply.AcceptStatus);
    }

    [Fact]
    public void Other_version_is_prog_mismatch_1_1()
    {
        var reply = Dispatcher.Handle(RpcCalls.Null() with { Version = 2 });
        Assert.Equal(AcceptStatus.ProgramMismatch, reply.AcceptStatus);
        Assert.Equal((1u, 1u), (reply.MismatchLow, reply.MismatchHigh));
    }

    [Fact]
    public void Unknown_procedure_is_proc_unavail()
    {
        var reply = Dispatcher.Handle(RpcCalls.Call(1, 3, []));
        Assert.Equal(AcceptStatus.ProcedureUnavailable, reply.AcceptStatus);
    }

    [Fact]
    public void Rpc_version_other_than_2_is_rpc_mismatch()
    {
        var reply = Dispatcher.Handle(RpcCalls.Null() with { RpcVersion = 3 });
        Assert.Equal(ReplyStatus.Denied, reply.Status);
        Assert.Equal(RejectStatus.RpcMismatch, reply.RejectStatus);
        Assert.Equal((2u, 2u), (reply.MismatchLow, reply.MismatchHigh));
    }

    [Fact]
    public void Auth_sys_is_accepted()
    {
        var credential = new AuthSysParameters(1, "host", 1000, 1000, [4, 27]).ToOpaqueAuth();
        var reply = Dispatcher.Handle(RpcCalls.LogEntryCall(RpcCalls.Entry(1)) with { Credential = credential });
        Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(reply));
    }

    [Theory]
    [InlineData(AuthFlavor.Dh)]
    [InlineData(AuthFlavor.RpcSecGss)]
    [InlineData(AuthFlavor.Short)]
    public void Other_credential_flavors_are_auth_error_badcred(AuthFlavor flavor)
    {
        var reply = Dispatcher.Handle(RpcCalls.Null() with { Credential = new OpaqueAuth(flavor, new byte[8]) });
        Assert.Equal(ReplyStatus.Denied, reply.Status);
        Assert.Equal(RejectStatus.AuthError, reply.RejectStatus);
        Assert.Equal(AuthStatus.BadCredential, reply.AuthStatus);
    }

    [Fact]
    public void Malformed_auth_sys_body_is_auth_error_badcred()
    {
        var reply = Dispatcher.Handle(RpcCalls.Null() with { Credential = new OpaqueAuth(AuthFlavor.Sys, new byte[] { 0, 0, 0, 1 }) });
        Assert.Equal(AuthStatus.BadCredential, reply.AuthStatus);
    }

    [Fact]
    public void Truncated_entry_is_garbage_args_and_stores_nothing()
    {
        var arguments = RpcCalls.Encode(RpcCalls.Entry(1).Encode);
        var reply = Dispatcher.Handle(RpcCalls.Call(9, LogProgram.ProcedureLogEntry, arguments[..^4]));
        Assert.Equal(AcceptStatus.GarbageArguments, reply.AcceptStatus);
        Assert.Equal(9u, reply.Xid);
        Assert.Empty(_store.Entries);
    }

    [Fact]
    public void Trailing_bytes_after_an_entry_are_garbage_args()
    {
        var arguments = RpcCalls.Encode(RpcCalls.Entry(1).Encode);
        var reply = Dispatcher.Handle(RpcCalls.Call(9, LogProgram.ProcedureLogEntry, [.. arguments, 0, 0, 0, 0]));
        Assert.Equal(AcceptStatus.GarbageArguments, reply.AcceptStatus);
    }

    [Fact]
    public void Batch_over_1024_entries_is_garbage_args()
    {
        var arguments = RpcCalls.Encode(w => w.WriteUInt32(1025));
        var reply = Dispatcher.Handle(RpcCalls.Call(9, LogProgram.ProcedureLogBatch, arguments));
        Assert.Equal(AcceptStatus.GarbageArguments, reply.AcceptStatus);
    }

    [Fact]
    public void Over_long_operation_is_garbage_args()
    {
        var arguments = RpcCalls.Encode(w =>
        {
            w.WriteString("alice");
            w.WriteString(new string('X', LogProgram.MaxOperationBytes + 1));
        });
        var reply = Dispatcher.Handle(RpcCalls.Call(9, LogProgram.ProcedureLogEntry, arguments));
        Assert.Equal(AcceptStatus.GarbageArguments, reply.AcceptStatus);
    }

    [Fact]
    public void Store_failure_is_system_err()
    {
        _store.Failure = new IOException("disk full");
        var reply = Dispatcher.Handle(RpcCalls.LogEntryCall(RpcCalls.Entry(1)));
        Assert.Equal(AcceptStatus.SystemError, reply.AcceptStatus);
    }

    [Fact]
    public void Closed_store_is_rejected()
    {
        _store.Failure = new ObjectDisposedException("store");
        Assert.Equal(LogProgram.StatusRejected, RpcCalls.ReadInt(Dispatcher.Handle(RpcCalls.LogEntryCall(RpcCalls.Entry(1)))));
        Assert.Equal(0, RpcCalls.ReadInt(Dispatcher.Handle(RpcCalls.LogBatchCall([RpcCalls.Entry(2)]))));
    }

    [Fact]
    public void Handle_message_round_trips_bytes()
    {
        var reply = Dispatcher.HandleMessage(RpcCalls.Message(RpcCalls.Null(42)));
        Assert.NotNull(reply);
        var decoded = RpcMessageCodec.DecodeReply(reply);
        Assert.Equal(42u, decoded.Xid);
        Assert.Equal(AcceptStatus.Success, decoded.AcceptStatus);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0 })] // a REPLY, not a call
    [InlineData(new byte[] { 0, 0, 0, 1, 0, 0, 0, 7 })] // unknown msg_type
    public void Handle_message_returns_null_for_non_calls(byte[] message)
    {
        Assert.Null(Dispatcher.HandleMessage(message));
    }
}
