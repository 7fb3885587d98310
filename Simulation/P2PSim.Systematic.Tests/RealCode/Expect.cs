using Microsoft.Coyote.Specifications;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// <see cref="Specification.Assert(bool, string, object[])"/> with a literal message: Coyote formats the message
/// as a composite format string, and these messages quote replies, whose lists print in braces.
/// </summary>
internal static class Expect
{
    public static void That(bool condition, string message)
    {
        if (!condition)
        {
            Specification.Assert(false, "{0}", message);
        }
    }
}
