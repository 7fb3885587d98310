namespace P2PSim.Fuzzing;

/// <summary>
/// One fuzz target: a decoder that reads outside bytes, run on one input. <see cref="Run"/> lets out only what is a
/// bug (an exception the decoder does not document, a result that depends on how the bytes were split, a loop that
/// makes no progress); the documented "malformed input" exceptions are caught inside it.
/// </summary>
/// <param name="Name">The name on the command line and of the corpus folder (corpus/NAME).</param>
/// <param name="Description">What the input is and which decoder reads it.</param>
/// <param name="Run">Decodes one input; returns normally for any well-handled input, valid or not.</param>
internal sealed record FuzzTarget(string Name, string Description, Action<byte[]> Run);
