using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Retrieval.Cli.Commands;

/// <summary>One line of <c>tokenize</c> or <c>embed</c> output; with --json, one element of the array.</summary>
internal sealed record EmbeddingRecord(
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("ids"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int[]? Ids,
    [property: JsonPropertyName("vector"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float[]? Vector)
{
    private const int PreviewLength = 6;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Captions are people's words in any script: keep them readable rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static EmbeddingRecord ForText(string text, int[] ids, float[]? vector) => new(text, "text", ids, vector);

    public static EmbeddingRecord ForImage(string path, float[] vector) => new(path, "image", null, vector);

    /// <summary>Writes the records as one JSON array, or as readable lines.</summary>
    public static void Write(IReadOnlyList<EmbeddingRecord> records, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(records, JsonOptions));
            return;
        }

        foreach (var record in records)
        {
            output.WriteLine($"{record.Kind,-5} {JsonSerializer.Serialize(record.Input, JsonOptions)}");
            if (record.Ids is { } ids)
            {
                output.WriteLine($"      ids ({ids.Length}): {string.Join(' ', ids)}");
            }

            if (record.Vector is { } vector)
            {
                var preview = string.Join(", ", vector.Take(PreviewLength).Select(v => v.ToString("0.0000", CultureInfo.InvariantCulture)));
                output.WriteLine($"      vector ({vector.Length} dims): [{preview}{(vector.Length > PreviewLength ? ", ..." : "")}]");
            }
        }
    }
}
