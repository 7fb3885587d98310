using System.Buffers;

namespace P2PSim.Transport.Framing;

/// <summary>
/// A protocol's pure decoder as <see cref="FrameReader"/> calls it, in the shape P2PSim's codecs already have
/// (<c>TryDecode(ref SequenceReader&lt;byte&gt;, limits, out message)</c>), so a codec's static method converts to
/// it directly. The compiler caches that conversion: reading a frame allocates no delegate and no closure; the
/// settings travel in <paramref name="state"/>.
/// </summary>
/// <param name="reader">The buffered bytes, from the start of the next frame.</param>
/// <param name="state">The decoder's settings (field limits, a record bound).</param>
/// <param name="frame">The decoded frame when the result is true.</param>
/// <returns>
/// True when one frame was decoded: the reader then stands just past it. False when more bytes are needed: where
/// the reader stands then does not matter. Malformed input throws the protocol's exception, which reaches the
/// caller of the <see cref="FrameReader"/>.
/// </returns>
public delegate bool FrameDecoder<TState, TFrame>(ref SequenceReader<byte> reader, TState state, out TFrame frame);
