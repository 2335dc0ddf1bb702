using System.Globalization;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Tests.Formats;

/// <summary>
/// The committed library of every still format (<c>tests/formats-set</c>): each file with what the reference tools say
/// of it — its upright size, its metadata, and its reference decode box-reduced by <see cref="Entry.ReferenceScale"/>.
/// </summary>
internal static class FormatSet
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "formats-set");

    public static string Files => Path.Combine(Folder, "files");

    public static string Hostile => Path.Combine(Folder, "hostile");

    public static IReadOnlyList<Entry> Entries { get; } = Load();

    /// <summary>Every file's name, for theories.</summary>
    public static TheoryData<string> Names => [.. Entries.Select(e => e.File)];

    public static Entry Of(string file) => Entries.Single(e => e.File == file);

    private static List<Entry> Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        return [.. json.RootElement.GetProperty("files").EnumerateArray().Select(e => new Entry(
            e.GetProperty("file").GetString()!, e.GetProperty("format").GetString()!, e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(),
            Text(e, "takenAt") is { } taken ? DateTime.Parse(taken, CultureInfo.InvariantCulture) : null, Text(e, "make"), Text(e, "model"),
            Number(e, "latitude"), Number(e, "longitude"), e.GetProperty("query").GetString()!, e.GetProperty("reference").GetString()!,
            e.GetProperty("referenceScale").GetInt32(), Text(e, "photo"), e.GetProperty("caption").GetString()!))];
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>One file of the set and what the reference tools say of it.</summary>
    public sealed record Entry(string File, string Format, int Width, int Height, DateTime? TakenAt, string? Make, string? Model, double? Latitude, double? Longitude,
        string Query, string Reference, int ReferenceScale, string? Photo, string Caption)
    {
        /// <summary>The photo the file was made from (in the shared datasets).</summary>
        public string SourcePhoto => SharedData.Require(Photo!.Replace("shared:", "", StringComparison.Ordinal));

        public string Path => System.IO.Path.Combine(Files, File);

        public string ReferencePath => System.IO.Path.Combine(Folder, Reference);
    }
}
