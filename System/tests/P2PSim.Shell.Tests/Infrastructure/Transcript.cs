using System.Text;

namespace P2PSim.Shell.Tests.Infrastructure;

/// <summary>
/// The exact console output a shell session should produce: each command's first line follows its prompt, list
/// lines follow on their own, and a blank input line leaves a bare prompt.
/// </summary>
internal sealed class Transcript
{
    private readonly StringBuilder _text = new();

    public Transcript Prompt(params string[] lines)
    {
        _text.Append("c> ");
        foreach (var line in lines)
        {
            _text.Append(line).Append('\n');
        }

        return this;
    }

    public override string ToString() => _text.ToString();
}
