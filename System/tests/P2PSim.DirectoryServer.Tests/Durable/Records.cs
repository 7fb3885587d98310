using System.Buffers;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.DirectoryServer.Tests.Durable;

/// <summary>Sample records of every kind and small helpers over frames.</summary>
internal static class Records
{
    // A fixed hash (no PBKDF2 run): the codec stores whatever bytes it is given.
    public static PasswordHash Password { get; } = PasswordHash.FromStored(
        1_000, Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    public static RegistryRecord[] All { get; } =
    [
        RegistryRecord.Registered("alice"),
        RegistryRecord.AccountCreated("bob", Password, 42),
        RegistryRecord.Unregistered("alice"),
        RegistryRecord.Connected("bob", "127.0.0.1", 7000, 9),
        RegistryRecord.Connected("carol", "::1", 0, 0),
        RegistryRecord.Disconnected("bob"),
        RegistryRecord.Orphaned("bob"),
        RegistryRecord.Published("bob", "song.mp3", "a song, été 🎵"),
        RegistryRecord.Published("bob", "empty", string.Empty),
        RegistryRecord.Deleted("bob", "song.mp3"),
        RegistryRecord.Registered(string.Empty),
        RegistryRecord.Published(new string('u', 100), new string('f', 1000), new string('d', 65_535)),
    ];

    public static TheoryData<RegistryRecord> EveryKind => new(All);

    public static IEnumerable<RegistryRecord> Numbered(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (i % 3) switch
            {
                0 => RegistryRecord.Registered($"user{i}"),
                1 => RegistryRecord.Connected($"user{i - 1}", "127.0.0.1", 7000 + i, i),
                _ => RegistryRecord.Published($"user{i - 2}", $"file{i}", $"description {i}"),
            };
        }
    }

    public static byte[] Encode(params RegistryRecord[] records)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var record in records)
        {
            RegistryRecordCodec.Encode(record, output);
        }

        return output.WrittenSpan.ToArray();
    }

    public static List<RegistryRecord> DecodeAll(byte[] bytes)
    {
        var records = new List<RegistryRecord>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            Assert.Equal(RegistryDecodeStatus.Ok, RegistryRecordCodec.TryDecode(bytes.AsSpan(offset), out var record, out var consumed));
            records.Add(record);
            offset += consumed;
        }

        return records;
    }
}
