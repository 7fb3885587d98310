namespace P2PSim.PropertyTests.Model;

/// <summary>The model's view of one registered user.</summary>
internal sealed class ModelUser
{
    public bool Connected { get; set; }

    public string Ip { get; set; } = string.Empty;

    public int Port { get; set; }

    public Dictionary<string, string> Files { get; private init; } = new(StringComparer.Ordinal);

    public ModelUser Clone() => new()
    {
        Connected = Connected,
        Ip = Ip,
        Port = Port,
        Files = new Dictionary<string, string>(Files, StringComparer.Ordinal),
    };
}
