using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;
using System.Text;
using System.Text.Unicode;
using P2PSim.DirectoryServer.Accounts;

namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// The byte form of a <see cref="RegistryRecord"/>, shared by the journal and the snapshot (docs/registry-journal.md,
/// §2). A frame is <c>u32 payload length | u32 CRC-32 of the payload | payload</c>, little
/// endian; the payload is <c>u8 kind</c> then the kind's fields: strings as <c>u16</c> UTF-8 byte count and bytes,
/// <c>i32</c>/<c>i64</c> little endian, a password as <c>i32</c> iterations, 16 salt bytes and 32 hash bytes.
/// Pure: no I/O, and the decoder never throws, whatever the bytes.
/// </summary>
public static class RegistryRecordCodec
{
    /// <summary>Bytes before the payload: its length and its CRC-32.</summary>
    public const int HeaderLength = 8;

    /// <summary>
    /// The longest payload accepted. Three strings of at most 64 KiB each fit well under it; a length above it is
    /// garbage, reported as corrupt rather than waited for (or allocated).
    /// </summary>
    public const int MaxPayloadLength = 1 << 20;

    private const int SaltLength = 16;
    private const int HashLength = 32;
    private const int PasswordLength = sizeof(int) + SaltLength + HashLength;

    // Strict both ways: a lone surrogate has no UTF-8 form, and writing U+FFFD instead would replay another name.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The size of <paramref name="record"/>'s frame, header included.</summary>
    /// <exception cref="ArgumentException">The record cannot be encoded (see <see cref="Encode"/>).</exception>
    public static int GetFrameLength(in RegistryRecord record) => HeaderLength + PayloadLength(record);

    /// <summary>
    /// Writes <paramref name="record"/>'s frame to <paramref name="output"/>. Everything is checked before anything
    /// is written, so a record that fails leaves the output as it was.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An unknown kind, a missing password on an account, a string that is not valid UTF-16 or longer than 65,535
    /// UTF-8 bytes.
    /// </exception>
    public static void Encode(in RegistryRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var payloadLength = PayloadLength(record);
        var frame = output.GetSpan(HeaderLength + payloadLength)[..(HeaderLength + payloadLength)];
        var payload = frame[HeaderLength..];
        payload[0] = (byte)record.Kind;
        var at = 1;
        at += WriteString(payload[at..], record.User);
        switch (record.Kind)
        {
            case RegistryRecordKind.AccountCreated:
                var password = record.Password!;
                BinaryPrimitives.WriteInt32LittleEndian(payload[at..], password.Iterations);
                password.Salt.CopyTo(payload[(at + sizeof(int))..]);
                password.Hash.CopyTo(payload[(at + sizeof(int) + SaltLength)..]);
                at += PasswordLength;
                BinaryPrimitives.WriteInt64LittleEndian(payload[at..], record.Account);
                at += sizeof(long);
                break;
            case RegistryRecordKind.Connected:
                at += WriteString(payload[at..], record.Ip);
                BinaryPrimitives.WriteInt32LittleEndian(payload[at..], record.Port);
                at += sizeof(int);
                BinaryPrimitives.WriteInt64LittleEndian(payload[at..], record.Session);
                at += sizeof(long);
                break;
            case RegistryRecordKind.Published:
                at += WriteString(payload[at..], record.FileName);
                at += WriteString(payload[at..], record.Description);
                break;
            case RegistryRecordKind.Deleted:
                at += WriteString(payload[at..], record.FileName);
                break;
        }

        Debug.Assert(at == payloadLength, "PayloadLength and Encode disagree");
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32.HashToUInt32(payload));
        output.Advance(frame.Length);
    }

    /// <summary>
    /// Reads the frame at the start of <paramref name="source"/>. On <see cref="RegistryDecodeStatus.Ok"/>,
    /// <paramref name="consumed"/> is the frame's length; otherwise it is 0 and <paramref name="record"/> default.
    /// </summary>
    public static RegistryDecodeStatus TryDecode(ReadOnlySpan<byte> source, out RegistryRecord record, out int consumed)
    {
        record = default;
        consumed = 0;
        if (source.Length < sizeof(uint))
        {
            return RegistryDecodeStatus.Incomplete;
        }

        // The length is judged as soon as it is there: a garbage length is corrupt, not a frame to wait for.
        var length = BinaryPrimitives.ReadUInt32LittleEndian(source);
        if (length is 0 or > MaxPayloadLength)
        {
            return RegistryDecodeStatus.Corrupt;
        }

        if (source.Length < HeaderLength + (int)length)
        {
            return RegistryDecodeStatus.Incomplete;
        }

        var payload = source.Slice(HeaderLength, (int)length);
        if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(source[4..]))
        {
            return RegistryDecodeStatus.Corrupt;
        }

        if (!TryParse(payload, out record))
        {
            record = default;
            return RegistryDecodeStatus.Corrupt;
        }

        consumed = HeaderLength + (int)length;
        return RegistryDecodeStatus.Ok;
    }

    private static bool TryParse(ReadOnlySpan<byte> payload, out RegistryRecord record)
    {
        record = default;
        var reader = new PayloadReader(payload[1..]);
        var kind = (RegistryRecordKind)payload[0];
        if (!reader.TryString(out var user))
        {
            return false;
        }

        switch (kind)
        {
            case RegistryRecordKind.Registered:
            case RegistryRecordKind.Unregistered:
            case RegistryRecordKind.Disconnected:
            case RegistryRecordKind.Orphaned:
                record = new RegistryRecord(kind, user);
                break;
            case RegistryRecordKind.AccountCreated:
                if (!reader.TryInt32(out var iterations) || iterations < 1 ||
                    !reader.TryBytes(SaltLength, out var salt) || !reader.TryBytes(HashLength, out var hash) ||
                    !reader.TryInt64(out var account))
                {
                    return false;
                }

                record = RegistryRecord.AccountCreated(user, PasswordHash.FromStored(iterations, salt, hash), account);
                break;
            case RegistryRecordKind.Connected:
                if (!reader.TryString(out var ip) || !reader.TryInt32(out var port) || !reader.TryInt64(out var session))
                {
                    return false;
                }

                record = RegistryRecord.Connected(user, ip, port, session);
                break;
            case RegistryRecordKind.Published:
                if (!reader.TryString(out var fileName) || !reader.TryString(out var description))
                {
                    return false;
                }

                record = RegistryRecord.Published(user, fileName, description);
                break;
            case RegistryRecordKind.Deleted:
                if (!reader.TryString(out var deleted))
                {
                    return false;
                }

                record = RegistryRecord.Deleted(user, deleted);
                break;
            default:
                return false;
        }

        // A payload longer than its fields is no record this codec wrote.
        return reader.AtEnd;
    }

    private static int PayloadLength(in RegistryRecord record)
    {
        var length = 1 + StringLength(record.User, nameof(record.User));
        switch (record.Kind)
        {
            case RegistryRecordKind.Registered:
            case RegistryRecordKind.Unregistered:
            case RegistryRecordKind.Disconnected:
            case RegistryRecordKind.Orphaned:
                return length;
            case RegistryRecordKind.AccountCreated:
                if (record.Password is null)
                {
                    throw new ArgumentException("An AccountCreated record needs the account's password hash.", nameof(record));
                }

                return length + PasswordLength + sizeof(long);
            case RegistryRecordKind.Connected:
                return length + StringLength(record.Ip, nameof(record.Ip)) + sizeof(int) + sizeof(long);
            case RegistryRecordKind.Published:
                return length + StringLength(record.FileName, nameof(record.FileName)) +
                    StringLength(record.Description, nameof(record.Description));
            case RegistryRecordKind.Deleted:
                return length + StringLength(record.FileName, nameof(record.FileName));
            default:
                throw new ArgumentException($"Unknown registry record kind {(int)record.Kind}.", nameof(record));
        }
    }

    /// <summary>
    /// Throws the <see cref="ArgumentException"/> <see cref="Encode"/> would for a record holding
    /// <paramref name="value"/>: a store checks its inputs with this before the registry changes, so a field the
    /// journal cannot hold changes nothing.
    /// </summary>
    public static void EnsureEncodable(string value, string field) => StringLength(value, field);

    private static int StringLength(string? value, string field)
    {
        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(value ?? throw new ArgumentException($"The record's {field} is null.", nameof(value)));
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"The record's {field} is not valid UTF-16 (a lone surrogate).", nameof(value), e);
        }

        if (bytes > ushort.MaxValue)
        {
            throw new ArgumentException($"The record's {field} has {bytes} UTF-8 bytes; at most {ushort.MaxValue} fit.", nameof(value));
        }

        return sizeof(ushort) + bytes;
    }

    private static int WriteString(Span<byte> destination, string value)
    {
        var bytes = StrictUtf8.GetBytes(value, destination[sizeof(ushort)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)bytes);
        return sizeof(ushort) + bytes;
    }

    /// <summary>Reads fields off a payload; every Try fails, without throwing, when the field runs past the end.</summary>
    private ref struct PayloadReader(ReadOnlySpan<byte> remaining)
    {
        private ReadOnlySpan<byte> _remaining = remaining;

        public readonly bool AtEnd => _remaining.IsEmpty;

        public bool TryBytes(int count, out ReadOnlySpan<byte> bytes)
        {
            bytes = default;
            if (_remaining.Length < count)
            {
                return false;
            }

            bytes = _remaining[..count];
            _remaining = _remaining[count..];
            return true;
        }

        public bool TryInt32(out int value)
        {
            value = 0;
            if (!TryBytes(sizeof(int), out var bytes))
            {
                return false;
            }

            value = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            return true;
        }

        public bool TryInt64(out long value)
        {
            value = 0;
            if (!TryBytes(sizeof(long), out var bytes))
            {
                return false;
            }

            value = BinaryPrimitives.ReadInt64LittleEndian(bytes);
            return true;
        }

        public bool TryString(out string value)
        {
            value = string.Empty;
            if (!TryBytes(sizeof(ushort), out var prefix) ||
                !TryBytes(BinaryPrimitives.ReadUInt16LittleEndian(prefix), out var utf8) ||
                !Utf8.IsValid(utf8))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(utf8);
            return true;
        }
    }
}
