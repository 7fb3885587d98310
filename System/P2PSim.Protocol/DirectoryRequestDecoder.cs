using System.Buffers;
using System.Globalization;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol;

/// <summary>
/// Server side: decodes one classic request from the bytes received so far. Stateless: on "need more bytes" the
/// caller keeps the bytes and calls again once more arrive. A request is at most a few hundred bytes, bounded by
/// <see cref="FieldLimits"/>, so re-parsing from the start costs nothing worth a state machine.
/// </summary>
public static class DirectoryRequestDecoder
{
    /// <summary>
    /// Tries to decode a request from the start of <paramref name="reader"/>; on success advances past it.
    /// Returns false when more bytes are needed. Throws <see cref="ProtocolException"/> for malformed input.
    /// </summary>
    public static bool TryDecode(ref SequenceReader<byte> reader, FieldLimits limits, out DirectoryRequest? request)
    {
        request = null;
        var probe = reader;
        if (!FieldReader.TryReadField(ref probe, limits.OperationName, "operation name", null, out var name))
        {
            return false;
        }

        if (!OperationInfo.TryParse(name, out var operation))
        {
            throw new ProtocolException($"Unknown operation '{Printable(name)}'.");
        }

        // The first field is a timestamp or the user: read it with room for either, then decide by its format.
        var firstLimit = Math.Max(limits.UserName, Timestamp.Length);
        if (!FieldReader.TryReadField(ref probe, firstLimit, "user name", operation, out var first))
        {
            return false;
        }

        string? timestamp = null;
        var user = first;
        if (Timestamp.IsRequestTimestamp(first))
        {
            timestamp = first;
            if (!FieldReader.TryReadField(ref probe, limits.UserName, "user name", operation, out user))
            {
                return false;
            }
        }

        ValidateName(user, limits.UserName, "user name", operation);
        if (!TryDecodeArguments(ref probe, limits, operation, timestamp, user, out request))
        {
            return false;
        }

        reader = probe;
        return true;
    }

    private static bool TryDecodeArguments(
        ref SequenceReader<byte> reader, FieldLimits limits, Operation operation, string? timestamp, string user,
        out DirectoryRequest? request)
    {
        request = null;
        switch (operation)
        {
            case Operation.Register:
                request = new RegisterRequest(timestamp, user);
                return true;
            case Operation.Unregister:
                request = new UnregisterRequest(timestamp, user);
                return true;
            case Operation.Disconnect:
                request = new DisconnectRequest(timestamp, user);
                return true;
            case Operation.ListUsers:
                request = new ListUsersRequest(timestamp, user);
                return true;
            case Operation.Connect:
                return TryDecodeConnect(ref reader, limits, timestamp, user, out request);
            case Operation.Publish:
                if (!FieldReader.TryReadField(ref reader, limits.FileName, "file name", operation, out var published) ||
                    !FieldReader.TryReadField(ref reader, limits.Description, "description", operation, out var description))
                {
                    return false;
                }

                ValidateName(published, limits.FileName, "file name", operation);
                request = new PublishRequest(timestamp, user, published, description);
                return true;
            case Operation.Delete:
                if (!FieldReader.TryReadField(ref reader, limits.FileName, "file name", operation, out var deleted))
                {
                    return false;
                }

                ValidateName(deleted, limits.FileName, "file name", operation);
                request = new DeleteRequest(timestamp, user, deleted);
                return true;
            case Operation.ListContent:
                if (!FieldReader.TryReadField(ref reader, limits.UserName, "remote user name", operation, out var remote))
                {
                    return false;
                }

                ValidateName(remote, limits.UserName, "remote user name", operation);
                request = new ListContentRequest(timestamp, user, remote);
                return true;
            case Operation.FindSources:
                if (!FieldReader.TryReadField(ref reader, limits.FileName, "file name", operation, out var wanted))
                {
                    return false;
                }

                ValidateName(wanted, limits.FileName, "file name", operation);
                request = new FindSourcesRequest(timestamp, user, wanted);
                return true;
            case Operation.Search:
                if (!FieldReader.TryReadField(ref reader, limits.Description, "search text", operation, out var text) ||
                    !FieldReader.TryReadField(ref reader, limits.Number, "result count", operation, out var maxText))
                {
                    return false;
                }

                if (text.Length == 0)
                {
                    throw new ProtocolException("The search text is empty.", operation);
                }

                request = new SearchRequest(timestamp, user, text, ParseCount(maxText, operation));
                return true;
            default:
                throw new ProtocolException($"Unsupported operation {operation}.", operation);
        }
    }

    /// <summary>
    /// CONNECT's tail: the port (most clients), or the client's IP literal and then the port (at least one client).
    /// An IP literal always has a <c>.</c> or a <c>:</c> and a port never does, so the field after the user decides
    /// alone: a port-only CONNECT is complete at its port and never waits for a field that will not come.
    /// </summary>
    private static bool TryDecodeConnect(
        ref SequenceReader<byte> reader, FieldLimits limits, string? timestamp, string user, out DirectoryRequest? request)
    {
        const Operation operation = Operation.Connect;
        request = null;
        var fieldLimit = Math.Max(limits.Number, ConnectRequest.MaxAddressLength);
        if (!FieldReader.TryReadField(ref reader, fieldLimit, "listen port or address", operation, out var field))
        {
            // A port is still refused as soon as it passes its own limit, as when no address could come.
            if (reader.Remaining > limits.Number &&
                reader.UnreadSequence.Slice(0, limits.Number + 1) is var head &&
                head.PositionOf((byte)'.') is null && head.PositionOf((byte)':') is null)
            {
                throw new ProtocolException($"The listen port is longer than {limits.Number} bytes.", operation);
            }

            return false;
        }

        if (!field.AsSpan().ContainsAny('.', ':'))
        {
            request = new ConnectRequest(timestamp, user, ParsePort(field, operation));
            return true;
        }

        if (!IsIpLiteral(field))
        {
            throw new ProtocolException($"The announced address '{Printable(field)}' is not an IPv4 or IPv6 literal.", operation);
        }

        if (!FieldReader.TryReadField(ref reader, limits.Number, "listen port", operation, out var portText))
        {
            return false;
        }

        request = new ConnectRequest(timestamp, user, ParsePort(portText, operation)) { AnnouncedIp = field };
        return true;
    }

    /// <summary>
    /// A dotted-quad IPv4 address (four decimal parts of 1–3 digits, each at most 255) or an IPv6 address without a
    /// zone or brackets. Stricter than <see cref="System.Net.IPAddress.TryParse(string?, out System.Net.IPAddress?)"/>,
    /// which also takes <c>127.1</c> or <c>0x7f.0.0.1</c>.
    /// </summary>
    private static bool IsIpLiteral(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.') &&
                System.Net.IPAddress.TryParse(text, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 &&
                (!text.Contains('.', StringComparison.Ordinal) || IsDottedQuad(text[(text.LastIndexOf(':') + 1)..]));
        }

        return IsDottedQuad(text);
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p =>
            p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>User and file names: not empty, within the limit, no blanks (spec §1).</summary>
    internal static void ValidateName(string value, int maxBytes, string fieldName, Operation? operation)
    {
        if (value.Length == 0)
        {
            throw new ProtocolException($"The {fieldName} is empty.", operation);
        }

        if (System.Text.Encoding.UTF8.GetByteCount(value) > maxBytes)
        {
            throw new ProtocolException($"The {fieldName} is longer than {maxBytes} bytes.", operation);
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ProtocolException($"The {fieldName} contains a blank or control character.", operation);
            }
        }
    }

    private static int ParsePort(string text, Operation operation)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiDigit) ||
            !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ProtocolException($"The listen port '{Printable(text)}' is not a number from 1 to 65535.", operation);
        }

        return port;
    }

    private static int ParseCount(string text, Operation operation)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiDigit) ||
            !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new ProtocolException($"The result count '{Printable(text)}' is not a number from 1 to {int.MaxValue}.", operation);
        }

        return count;
    }

    /// <summary>Keeps error messages readable when a client sends binary garbage.</summary>
    internal static string Printable(string text)
    {
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
