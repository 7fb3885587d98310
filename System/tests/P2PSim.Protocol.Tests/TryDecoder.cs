using System.Buffers;

namespace P2PSim.Protocol.Tests;

/// <summary>The shape every incremental decoder in P2PSim.Protocol shares, limits bound in.</summary>
internal delegate bool TryDecoder<T>(ref SequenceReader<byte> reader, out T? value)
    where T : class;
