using System.Text.Json;

namespace P2PSim.Fixtures;

/// <summary>
/// One P2PSim message as the dissector decoded it: its fields, by filter name, with every value each has (list
/// entries repeat theirs). Several messages in one TCP segment are separate PDUs.
/// </summary>
public sealed class DissectedPdu
{
    private readonly Dictionary<string, List<string>> _fields = [];

    /// <summary>The field's only value, or "" when the message has none.</summary>
    public string this[string field] => _fields.TryGetValue(field, out var values) ? values[0] : string.Empty;

    /// <summary>Every value of the field, in order.</summary>
    public IReadOnlyList<string> All(string field) => _fields.TryGetValue(field, out var values) ? values : [];

    /// <summary>The PDUs of tshark's JSON output filtered to the p2psim layer (<c>-T json --no-duplicate-keys -J p2psim</c>).</summary>
    public static IReadOnlyList<DissectedPdu> FromJson(string json)
    {
        var pdus = new List<DissectedPdu>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return pdus; // no packet matched
        }

        using var document = JsonDocument.Parse(json);
        foreach (var packet in document.RootElement.EnumerateArray())
        {
            if (!packet.GetProperty("_source").GetProperty("layers").TryGetProperty("p2psim", out var layer))
            {
                continue;
            }

            foreach (var instance in layer.ValueKind == JsonValueKind.Array ? [.. layer.EnumerateArray()] : new[] { layer })
            {
                var pdu = new DissectedPdu();
                pdu.Collect(instance);
                pdus.Add(pdu);
            }
        }

        return pdus;
    }

    private void Collect(JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Collect(property.Value); // an item's children ("p2psim.entry_tree")
                    break;
                case JsonValueKind.Array:
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object)
                        {
                            Collect(item);
                        }
                        else
                        {
                            Add(property.Name, item.ToString());
                        }
                    }

                    break;
                default:
                    Add(property.Name, property.Value.ToString());
                    break;
            }
        }
    }

    private void Add(string field, string value)
    {
        if (!_fields.TryGetValue(field, out var values))
        {
            _fields[field] = values = [];
        }

        values.Add(value);
    }
}
