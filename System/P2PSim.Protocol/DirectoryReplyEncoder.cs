using System.Buffers;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol;

/// <summary>Server side: writes a reply, the result code then, after 0 of a list operation
/// (LIST_USERS, LIST_CONTENT, FIND_SOURCES, SEARCH), the list.</summary>
public static class DirectoryReplyEncoder
{
    /// <summary>
    /// Writes <paramref name="reply"/> with its result code in <paramref name="encoding"/>; a LIST_CONTENT list in
    /// <paramref name="listContent"/>'s shape.
    /// </summary>
    public static void Encode(
        DirectoryReply reply, ResultEncoding encoding, IBufferWriter<byte> output, ListContentShape listContent = ListContentShape.Described)
    {
        ResultCode.Write(output, reply.Code, encoding);
        if (!reply.IsOk)
        {
            return;
        }

        if (reply.Users is { } users)
        {
            FieldWriter.Write(output, users.Count);
            foreach (var user in users)
            {
                FieldWriter.Write(output, user.Name);
                FieldWriter.Write(output, user.Ip);
                FieldWriter.Write(output, user.Port);
            }
        }
        else if (reply.Files is { } files)
        {
            FieldWriter.Write(output, files.Count);
            foreach (var file in files)
            {
                FieldWriter.Write(output, file.FileName);
                if (listContent == ListContentShape.Described)
                {
                    FieldWriter.Write(output, file.Description);
                }
            }
        }
        else if (reply.Hits is { } hits)
        {
            FieldWriter.Write(output, hits.Count);
            foreach (var hit in hits)
            {
                FieldWriter.Write(output, hit.User);
                FieldWriter.Write(output, hit.FileName);
                FieldWriter.Write(output, hit.Description);
            }
        }
    }

    /// <summary>Writes the reply to an unknown operation: -1, as classic servers do.</summary>
    public static void EncodeUnknownOperation(ResultEncoding encoding, IBufferWriter<byte> output) =>
        ResultCode.Write(output, ResultCode.UnknownOperation, encoding);
}
