namespace P2PSim.PropertyTests.Model;

/// <summary>The model's view of one registered user.</summary>
internal sealed class ModelUser
{
    public bool Connected { get; set; }

    public string Ip { get; set; } = string.Empty;

    public int Port { get; set; }

    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
}
