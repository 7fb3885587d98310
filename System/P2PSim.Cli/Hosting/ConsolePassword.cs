using System.Text;

namespace P2PSim.Cli.Hosting;

/// <summary>
/// Reads a password from the terminal without echoing it: keys are read intercepted until Enter, Backspace takes
/// the last one back. Only for a real terminal; piped input is read as a line (nothing is echoed there anyway).
/// </summary>
internal static class ConsolePassword
{
    /// <summary>The terminal reader, or null when standard input is not a terminal.</summary>
    public static Func<CancellationToken, Task<string?>>? ReaderForThisConsole() =>
        Console.IsInputRedirected ? null : _ => Task.Run(Read);

    private static string? Read()
    {
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.Out.WriteLine(); // the line the echo would have ended
                    return password.ToString();
                case ConsoleKey.Backspace:
                    password.Length = Math.Max(0, password.Length - 1);
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        password.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
