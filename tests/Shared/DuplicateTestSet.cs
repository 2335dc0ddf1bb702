using System.Text.Json;

namespace Retrieval.Testing;

/// <summary>
/// The near-duplicate test set (tests/duplicate-set/build.py): edited copies of real photos, hard-negative pairs, and
/// the distinct real photos of ../shared they sit among. <see cref="Files"/> lists every photo file of it.
/// </summary>
internal sealed class DuplicateTestSet
{
    private const string SharedPrefix = "shared:";

    private DuplicateTestSet(JsonElement manifest)
    {
        Copies = [.. manifest.GetProperty("copies").EnumerateArray().Select(c => (c.GetProperty("file").GetString()!, FileName(c.GetProperty("original").GetString()!), c.GetProperty("edit").GetString()!))];
        Negatives = [.. manifest.GetProperty("negatives").EnumerateArray().Select(n => (n.GetProperty("a").GetString()!, n.GetProperty("b").GetString()!, n.GetProperty("kind").GetString()!))];
        Distinct = [.. manifest.GetProperty("distinct").EnumerateArray().Select(d => d.GetString()!)];
    }

    /// <summary>Each edited copy, the file name of its original, and the edit.</summary>
    public IReadOnlyList<(string Copy, string Original, string Edit)> Copies { get; }

    /// <summary>The pairs that must not pair, and what they are (burst, another-time).</summary>
    public IReadOnlyList<(string A, string B, string Kind)> Negatives { get; }

    /// <summary>The distinct real photos, as <c>shared:</c> paths.</summary>
    public IReadOnlyList<string> Distinct { get; }

    /// <summary>The file of each photo in the set, by name: which shot it is (a copy is its original's shot).</summary>
    public string ShotOf(string fileName) => Copies.FirstOrDefault(c => c.Copy == fileName).Original ?? fileName;

    public static DuplicateTestSet Load() =>
        new(JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.DuplicateSet, "manifest.json"))).RootElement);

    /// <summary>
    /// Every photo of the set, once: the first <paramref name="distinct"/> distinct photos (all by default), every original,
    /// copy and negative; <paramref name="datasets"/> is ../shared/datasets.
    /// </summary>
    public IReadOnlyList<string> Files(string datasets, int distinct = int.MaxValue)
    {
        var shared = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(datasets))!;
        string Shared(string d) => Path.Combine(shared, d[SharedPrefix.Length..]);
        return [.. Distinct.Take(distinct).Select(Shared)
            .Concat(Copies.Select(c => c.Original).Distinct().Select(o => Shared(Distinct.First(d => FileName(d) == o))))
            .Concat(Copies.Select(c => Path.Combine(RepositoryPaths.DuplicateSet, "images", c.Copy)))
            .Concat(Negatives.SelectMany(n => (string[])[n.A, n.B]).Select(f => Path.Combine(RepositoryPaths.DuplicateSet, "images", f)))
            .Select(Path.GetFullPath).Distinct()];
    }

    /// <summary>Copies <see cref="Files"/> into <paramref name="folder"/>; returns how many.</summary>
    public int CopyTo(string folder, string datasets, int distinct = int.MaxValue)
    {
        Directory.CreateDirectory(folder);
        var files = Files(datasets, distinct);
        foreach (var source in files)
        {
            File.Copy(source, Path.Combine(folder, Path.GetFileName(source)), overwrite: true);
        }

        return files.Count;
    }

    private static string FileName(string sharedPath) => Path.GetFileName(sharedPath);
}
