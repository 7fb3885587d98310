using System.Buffers;

namespace P2PSim.Protocol.Sessions;

/// <summary>
/// One decoded session frame. <see cref="Body"/> points into the reader's buffer: it is valid until that buffer
/// is read into again, so a session handles each frame before it reads the next bytes.
/// </summary>
/// <param name="Kind">What the frame carries.</param>
/// <param name="Id">The request id (a reply repeats its request's), or a ping's id.</param>
/// <param name="Body">The bytes after the header.</param>
public readonly record struct SessionFrame(SessionFrameKind Kind, uint Id, ReadOnlySequence<byte> Body);
