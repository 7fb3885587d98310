namespace P2PSim.Transport.Framing;

/// <summary>The outcome of one <see cref="FrameReader"/> read: a status and, for <see cref="FrameStatus.Frame"/>, the frame.</summary>
/// <typeparam name="TFrame">What a frame decodes to.</typeparam>
/// <param name="Status">How the read ended.</param>
/// <param name="Frame">The decoded frame; the default value unless <paramref name="Status"/> is <see cref="FrameStatus.Frame"/>.</param>
public readonly record struct FrameRead<TFrame>(FrameStatus Status, TFrame Frame)
{
    /// <summary>True when a whole frame was decoded.</summary>
    public bool IsFrame => Status == FrameStatus.Frame;
}
