using P2PSim.Rpc.Xdr;
using P2PSim.TestKit;
using static P2PSim.Rpc.Tests.XdrTestHelpers;

namespace P2PSim.Rpc.Tests;

public sealed class LogEntryTests
{
    [Fact]
    public void Encodes_like_rpcgen_xdr_log_entry() =>
        Assert.Equal(Golden.LogEntry, Write(Golden.Entry.Encode));

    [Fact]
    public void Decodes_rpcgen_xdr_log_entry_bytes()
    {
        var reader = new XdrReader(Golden.LogEntry);
        Assert.Equal(Golden.Entry, LogEntry.Decode(ref reader));
        reader.EnsureAtEnd();
    }

    [Fact]
    public void Batch_encodes_like_rpcgen_xdr_log_batch() =>
        Assert.Equal(Golden.LogBatch, Write(w => LogEntry.EncodeBatch(w, [Golden.Entry, Golden.Entry2])));

    [Fact]
    public void Batch_decodes_rpcgen_xdr_log_batch_bytes()
    {
        var reader = new XdrReader(Golden.LogBatch);
        Assert.Equal([Golden.Entry, Golden.Entry2], LogEntry.DecodeBatch(ref reader));
        reader.EnsureAtEnd();
    }

    [Fact]
    public void Batch_split_at_every_offset_decodes()
    {
        for (var offset = 0; offset <= Golden.LogBatch.Length; offset++)
        {
            var reader = new XdrReader(Chunking.SplitAt(Golden.LogBatch, offset));
            Assert.Equal(2, LogEntry.DecodeBatch(ref reader).Count);
        }
    }

    [Fact]
    public void Empty_batch_and_full_batch_round_trip()
    {
        var empty = Write(w => LogEntry.EncodeBatch(w, []));
        Assert.Equal(Hex("00000000"), empty);

        var full = Enumerable.Range(1, LogProgram.MaxBatchEntries)
            .Select(i => Golden.Entry with { Sequence = (ulong)i })
            .ToArray();
        var reader = new XdrReader(Write(w => LogEntry.EncodeBatch(w, full)));
        Assert.Equal(full, LogEntry.DecodeBatch(ref reader));
    }

    [Fact]
    public void Batch_over_1024_entries_is_rejected_both_ways()
    {
        var tooMany = Enumerable.Repeat(Golden.Entry, LogProgram.MaxBatchEntries + 1).ToArray();
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(w => LogEntry.EncodeBatch(w, tooMany)));

        // Count 1025 followed by enough bytes for 1025 minimal entries: still over the bound.
        var bytes = new byte[4 + ((LogProgram.MaxBatchEntries + 1) * 28)];
        bytes[2] = 0x04;
        bytes[3] = 0x01;
        Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(bytes);
            LogEntry.DecodeBatch(ref reader);
        });
    }

    [Fact]
    public void Batch_count_the_input_cannot_hold_is_rejected_before_allocating() =>
        Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(Hex("00000400"));
            LogEntry.DecodeBatch(ref reader);
        });

    [Theory]
    [InlineData(0, 256)]
    [InlineData(1, 32)]
    [InlineData(2, 256)]
    [InlineData(3, 32)]
    [InlineData(4, 64)]
    public void Each_field_bound_matches_the_x_file(int field, int bound)
    {
        LogEntry With(string value) => field switch
        {
            0 => Golden.Entry with { User = value },
            1 => Golden.Entry with { Operation = value },
            2 => Golden.Entry with { FileName = value },
            3 => Golden.Entry with { Timestamp = value },
            _ => Golden.Entry with { Sender = value },
        };

        var atBound = With(new string('x', bound));
        var reader = new XdrReader(Write(atBound.Encode));
        Assert.Equal(atBound, LogEntry.Decode(ref reader));

        var overBound = With(new string('x', bound + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(overBound.Encode));

        // Hand-encode the over-bound entry field by field, without bounds, and check the decoder refuses it.
        var bytes = Write(w =>
        {
            w.WriteString(overBound.User);
            w.WriteString(overBound.Operation);
            w.WriteString(overBound.FileName);
            w.WriteString(overBound.Timestamp);
            w.WriteString(overBound.Sender);
            w.WriteUInt64(overBound.Sequence);
        });
        Assert.Throws<XdrException>(() =>
        {
            var r = new XdrReader(bytes);
            LogEntry.Decode(ref r);
        });
    }

    [Fact]
    public void Program_constants_match_the_x_file()
    {
        var x = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "p2psim_log.x"));
        Assert.Contains($"}} = 0x{LogProgram.Program:X8};", x, StringComparison.Ordinal);
        Assert.Contains($"}} = {LogProgram.Version};", x, StringComparison.Ordinal);
        Assert.Contains($"void P2PSIM_LOG_NULL(void) = {LogProgram.ProcedureNull};", x, StringComparison.Ordinal);
        Assert.Contains($"int LOG_ENTRY(log_entry) = {LogProgram.ProcedureLogEntry};", x, StringComparison.Ordinal);
        Assert.Contains($"int LOG_BATCH(log_batch) = {LogProgram.ProcedureLogBatch};", x, StringComparison.Ordinal);
        Assert.Contains($"P2PSIM_LOG_MAX_USER = {LogProgram.MaxUserBytes};", x, StringComparison.Ordinal);
        Assert.Contains($"P2PSIM_LOG_MAX_OPERATION = {LogProgram.MaxOperationBytes};", x, StringComparison.Ordinal);
        Assert.Contains($"P2PSIM_LOG_MAX_FILE_NAME = {LogProgram.MaxFileNameBytes};", x, StringComparison.Ordinal);
        Assert.Contains($"P2PSIM_LOG_MAX_TIMESTAMP = {LogProgram.MaxTimestampBytes};", x, StringComparison.Ordinal);
        Assert.Contains($"P2PSIM_LOG_MAX_SENDER = {LogProgram.MaxSenderBytes};", x, StringComparison.Ordinal);
        Assert.Contains($"P2PSIM_LOG_MAX_BATCH = {LogProgram.MaxBatchEntries};", x, StringComparison.Ordinal);
        Assert.Contains($"P2PSIM_LOG_OK = {LogProgram.StatusOk};", x, StringComparison.Ordinal);
        Assert.Contains($"P2PSIM_LOG_REJECTED = {LogProgram.StatusRejected};", x, StringComparison.Ordinal);
        Assert.InRange(LogProgram.Program, 0x20000000u, 0x3FFFFFFFu);
    }
}
