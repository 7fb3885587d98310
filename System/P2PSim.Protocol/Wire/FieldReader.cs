using System.Buffers;
using System.Text;

namespace P2PSim.Protocol.Wire;

/// <summary>
/// Reads terminated string fields. A field ends at NUL, or at <c>\n</c> as classic C servers also accept (spec §1).
/// </summary>
public static class FieldReader
{
    /// <summary>Strict UTF-8: invalid bytes are a protocol error, not silently replaced.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads one field of at most <paramref name="maxLength"/> bytes. Returns false, without advancing, when the
    /// terminator has not arrived yet and the limit has not been passed. Throws <see cref="ProtocolException"/>
    /// once more than <paramref name="maxLength"/> bytes are seen without a terminator, so callers never buffer
    /// an unbounded field.
    /// </summary>
    public static bool TryReadField(
        ref SequenceReader<byte> reader, int maxLength, string fieldName, Operation? operation, out string value)
    {
        var probe = reader;
        if (!probe.TryReadToAny(out ReadOnlySequence<byte> field, "\0\n"u8, advancePastDelimiter: true))
        {
            if (reader.Remaining > maxLength)
            {
                throw TooLong(fieldName, maxLength, operation);
            }

            value = string.Empty;
            return false;
        }

        if (field.Length > maxLength)
        {
            throw TooLong(fieldName, maxLength, operation);
        }

        value = Decode(field, fieldName, operation);
        reader = probe;
        return true;
    }

    /// <summary>Decodes strict UTF-8 bytes, turning invalid bytes into a <see cref="ProtocolException"/>.</summary>
    public static string Decode(in ReadOnlySequence<byte> bytes, string fieldName, Operation? operation)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException($"The {fieldName} is not valid UTF-8.", operation);
        }
    }

    /// <summary>Decodes strict UTF-8 bytes, turning invalid bytes into a <see cref="ProtocolException"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string fieldName, Operation? operation)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException($"The {fieldName} is not valid UTF-8.", operation);
        }
    }

    /// <summary>Splits a complete reply body into its fields (each ended by NUL or <c>\n</c>).</summary>
    public static List<string> SplitFields(ReadOnlySpan<byte> body, Operation? operation)
    {
        var fields = new List<string>();
        while (!body.IsEmpty)
        {
            var end = body.IndexOfAny((byte)0, (byte)'\n');
            if (end < 0)
            {
                throw new ProtocolException("The reply ends inside a field (no terminator).", operation);
            }

            fields.Add(Decode(body[..end], "reply field", operation));
            body = body[(end + 1)..];
        }

        return fields;
    }

    private static ProtocolException TooLong(string fieldName, int maxLength, Operation? operation) =>
        new ProtocolException($"The {fieldName} is longer than {maxLength} bytes.", operation);
}
