namespace P2PSim.Peer.Serving;

/// <summary>A shared name that is not a regular file (a named pipe, a socket, a device, a folder): never served.</summary>
internal sealed class NotRegularFileException(string path)
    : IOException($"'{path}' is not a regular file (a named pipe, socket, device or folder); only regular files are served.")
{
}
