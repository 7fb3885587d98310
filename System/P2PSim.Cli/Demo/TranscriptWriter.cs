using System.Text;

namespace P2PSim.Cli.Demo;

/// <summary>
/// One participant's console in the demo transcript: each complete line goes out as <c>name │ line</c>. The
/// shell's prompt is dropped, since the transcript prints each typed command itself. <paramref name="lines"/>, when
/// given, also gets each line (without the label), for the demo's checks.
/// </summary>
internal sealed class TranscriptWriter(string name, TextWriter output, Action<string>? lines = null) : TextWriter
{
    private const string Prompt = "c> ";
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public static string Label(string name) => name.PadRight(7) + "│ ";

    public override void Write(char value)
    {
        if (value == '\n')
        {
            var text = _line.ToString();
            _line.Clear();
            while (text.StartsWith(Prompt, StringComparison.Ordinal))
            {
                text = text[Prompt.Length..];
            }

            output.WriteLine(Label(name) + text);
            lines?.Invoke(text);
        }
        else if (value != '\r')
        {
            _line.Append(value);
        }
    }
}
