using System.Buffers;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;
using P2PSim.TestKit;

namespace P2PSim.Rpc.Tests;

/// <summary>
/// Seeded random input to every decoder: each may return a value or "need more", or throw
/// <see cref="RpcProtocolException"/> (which <see cref="XdrException"/> is); any other exception fails the test.
/// A failure names its seed and case, so it can be pasted back as a fixed regression test.
/// </summary>
public sealed class FuzzTests
{
    private const int Cases = 3000;

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 20050105 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_bytes(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            RunAll(bytes, seed, i);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_golden_messages(int seed)
    {
        byte[][] inputs = [.. Golden.AllMessages, Golden.LogEntry, Golden.LogBatch, Golden.AuthSysBody];
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var bytes = (byte[])inputs[random.Next(inputs.Length)].Clone();
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                var position = random.Next(bytes.Length);
                bytes[position] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => 0xFF,
                    _ => 0x00,
                };
            }

            if (random.Next(4) == 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }

            RunAll(bytes, seed, i);
        }
    }

    private static void RunAll(byte[] bytes, int seed, int i)
    {
        Run(seed, i, "DecodeCall", () => RpcMessageCodec.DecodeCall(bytes));
        Run(seed, i, "DecodeReply", () => RpcMessageCodec.DecodeReply(bytes));
        Run(seed, i, "ReadHeader", () => RpcMessageCodec.ReadHeader(bytes));
        Run(seed, i, "LogEntry.Decode", () =>
        {
            var reader = new XdrReader(bytes);
            return LogEntry.Decode(ref reader);
        });
        Run(seed, i, "LogEntry.DecodeBatch", () =>
        {
            var reader = new XdrReader(bytes);
            return LogEntry.DecodeBatch(ref reader);
        });
        Run(seed, i, "AuthSysParameters", () => AuthSysParameters.FromOpaqueAuth(new OpaqueAuth(AuthFlavor.Sys, bytes)));
        Run(seed, i, "OpaqueAuth.Decode", () =>
        {
            var reader = new XdrReader(bytes);
            return OpaqueAuth.Decode(ref reader);
        });
        Run(seed, i, "TryReadRecord", () =>
        {
            var reader = new SequenceReader<byte>(Chunking.SplitAt(bytes, bytes.Length / 2));
            var count = 0;
            while (RecordMarking.TryReadRecord(ref reader, 256, out _))
            {
                count++;
            }

            return count;
        });
    }

    private static void Run(int seed, int i, string decoder, Func<object> decode)
    {
        try
        {
            decode();
        }
        catch (RpcProtocolException)
        {
        }
        catch (Exception ex)
        {
            Assert.Fail($"{decoder} threw {ex.GetType().Name} for seed {seed} case {i}: {ex}");
        }
    }
}
