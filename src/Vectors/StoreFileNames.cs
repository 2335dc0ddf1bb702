using System.Globalization;

namespace Retrieval.Vectors;

/// <summary>
/// Every on-disk name of a store, in one place. A store folder holds the manifest and one segment: four
/// column files sharing a segment number (a compaction writes the next number, then switches to it).
/// </summary>
internal static class StoreFileNames
{
    public const string Manifest = "manifest.bin";
    public const string ManifestTemporary = "manifest.bin.tmp";

    /// <summary>Held (flock) by the one process that may write the store; holds its process id.</summary>
    public const string WriterLock = "writer.lock";

    private const string Prefix = "segment-";

    /// <summary>The four columns of a segment, in the order their bytes are hashed.</summary>
    public static readonly string[] ColumnExtensions = [".f32", ".i8", ".scale", ".ids"];

    public static string Column(string directory, long segment, int column) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{segment:D6}{ColumnExtensions[column]}"));

    /// <summary>Whether <paramref name="fileName"/> is a column file, and of which segment.</summary>
    public static bool TryParseSegment(string fileName, out long segment)
    {
        segment = 0;
        return fileName.StartsWith(Prefix, StringComparison.Ordinal)
            && ColumnExtensions.Any(e => fileName.EndsWith(e, StringComparison.Ordinal))
            && long.TryParse(fileName.AsSpan(Prefix.Length, fileName.IndexOf('.', StringComparison.Ordinal) - Prefix.Length),
                NumberStyles.None, CultureInfo.InvariantCulture, out segment);
    }
}
