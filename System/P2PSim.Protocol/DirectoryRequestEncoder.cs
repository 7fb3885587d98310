using System.Buffers;
using System.Globalization;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol;

/// <summary>Client side: writes a classic request, <c>OP\0 [dt\0] fields…</c>.</summary>
public static class DirectoryRequestEncoder
{
    /// <summary>Writes <paramref name="request"/> to <paramref name="output"/>.</summary>
    public static void Encode(DirectoryRequest request, IBufferWriter<byte> output)
    {
        FieldWriter.Write(output, request.Operation.WireName());
        if (request.Timestamp is { } timestamp)
        {
            FieldWriter.Write(output, timestamp);
        }

        FieldWriter.Write(output, request.User);
        switch (request)
        {
            case ConnectRequest connect:
                if (connect.AnnouncedIp is { } ip)
                {
                    FieldWriter.Write(output, ip);
                }

                FieldWriter.Write(output, connect.Port.ToString(CultureInfo.InvariantCulture));
                break;
            case PublishRequest publish:
                FieldWriter.Write(output, publish.FileName);
                FieldWriter.Write(output, publish.Description);
                break;
            case DeleteRequest delete:
                FieldWriter.Write(output, delete.FileName);
                break;
            case ListContentRequest listContent:
                FieldWriter.Write(output, listContent.RemoteUser);
                break;
            case FindSourcesRequest findSources:
                FieldWriter.Write(output, findSources.FileName);
                break;
            case SearchRequest search:
                FieldWriter.Write(output, search.Text);
                FieldWriter.Write(output, search.MaxResults);
                break;
        }
    }

    /// <summary>Encodes <paramref name="request"/> into a new array.</summary>
    public static byte[] ToArray(DirectoryRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Encode(request, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
