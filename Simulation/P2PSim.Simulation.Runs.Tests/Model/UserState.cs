namespace P2PSim.Simulation.Runs.Tests.Model;

/// <summary>
/// What the directory should hold for one user: registered, connected (at which address), published file names
/// (sorted, joined by '|', so states compare by value).
/// </summary>
internal sealed record UserState(bool Registered, bool Connected, string Ip, int Port, string Files)
{
    public static readonly UserState Absent = new(false, false, "", 0, "");

    public static readonly UserState FreshlyRegistered = new(true, false, "", 0, "");

    public IReadOnlyList<string> FileNames => Files.Length == 0 ? [] : Files.Split('|');

    public bool Has(string file) => FileNames.Contains(file, StringComparer.Ordinal);

    public UserState WithFile(string file) => this with { Files = Join(FileNames.Append(file)) };

    public UserState WithoutFile(string file) => this with { Files = Join(FileNames.Where(f => f != file)) };

    public static string Join(IEnumerable<string> files) => string.Join('|', files.Order(StringComparer.Ordinal));

    public override string ToString() =>
        !Registered ? "absent" : $"registered{(Connected ? $" connected@{Ip}:{Port}" : "")} files[{Files}]";
}
