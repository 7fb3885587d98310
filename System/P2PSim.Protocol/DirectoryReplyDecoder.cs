using System.Globalization;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol;

/// <summary>
/// Client side: decodes a whole reply (classic servers close the connection after replying, so the client reads
/// to the end first). Tolerates every classic variant: the three result encodings and names-only LIST_CONTENT.
/// </summary>
public static class DirectoryReplyDecoder
{
    /// <summary>Decodes the complete reply to <paramref name="operation"/>.</summary>
    public static DirectoryReply Decode(Operation operation, ReadOnlySpan<byte> reply)
    {
        int code, consumed;
        try
        {
            if (!ResultCode.TryRead(reply, out code, out consumed))
            {
                throw new ProtocolException("The server closed the connection without a reply.", operation);
            }
        }
        catch (ProtocolException e) when (e.Operation is null)
        {
            throw new ProtocolException(e.Message, operation);
        }

        var result = new DirectoryReply(operation, code);
        if (code != 0 || !operation.HasList())
        {
            return result;
        }

        var fields = FieldReader.SplitFields(reply[consumed..], operation);
        if (fields.Count == 0 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new ProtocolException("The list reply has no valid count.", operation);
        }

        var items = fields.Count - 1;
        return operation switch
        {
            Operation.ListUsers or Operation.FindSources => result with { Users = ReadUsers(fields, count, items, operation) },
            Operation.Search => result with { Hits = ReadHits(fields, count, items) },
            _ => result with { Files = ReadFiles(fields, count, items) },
        };
    }

    private static List<UserEntry> ReadUsers(List<string> fields, int count, int items, Operation operation)
    {
        if (items < 3L * count)
        {
            throw new ProtocolException($"The user list announces {count} users but carries {items} fields.", operation);
        }

        var users = new List<UserEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var portText = fields[(3 * i) + 3];
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                throw new ProtocolException($"User list entry {i} has an invalid port.", operation);
            }

            users.Add(new UserEntry(fields[(3 * i) + 1], fields[(3 * i) + 2], port));
        }

        return users;
    }

    private static List<SearchHit> ReadHits(List<string> fields, int count, int items)
    {
        if (items < 3L * count)
        {
            throw new ProtocolException($"The search reply announces {count} files but carries {items} fields.", Operation.Search);
        }

        var hits = new List<SearchHit>(count);
        for (var i = 0; i < count; i++)
        {
            hits.Add(new SearchHit(fields[(3 * i) + 1], fields[(3 * i) + 2], fields[(3 * i) + 3]));
        }

        return hits;
    }

    private static List<ContentEntry> ReadFiles(List<string> fields, int count, int items)
    {
        // Some classic servers send names only: exactly count fields instead of count pairs. Anything between the
        // two shapes is a truncated list, not a names-only one.
        var namesOnly = items < 2L * count;
        if (items < count || (namesOnly && items != count))
        {
            throw new ProtocolException($"The content list announces {count} files but carries {items} fields.", Operation.ListContent);
        }

        var files = new List<ContentEntry>(count);
        for (var i = 0; i < count; i++)
        {
            files.Add(namesOnly
                ? new ContentEntry(fields[i + 1], string.Empty)
                : new ContentEntry(fields[(2 * i) + 1], fields[(2 * i) + 2]));
        }

        return files;
    }
}
