using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Tests.Duplicates;

/// <summary>
/// The near-duplicate test set (tests/duplicate-set/build.py): edited copies of real photos, hard-negative pairs, and
/// the distinct real photos of ../shared they sit among. <see cref="CopyTo"/> lays them out as one photo folder.
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

    /// <summary>Copies the first <paramref name="distinct"/> distinct photos (all by default), every original, copy and negative into <paramref name="folder"/>.</summary>
    public int CopyTo(string folder, int distinct = int.MaxValue)
    {
        Directory.CreateDirectory(folder);
        var shared = SharedData.Require("datasets");
        var sources = Distinct.Take(distinct).Select(d => Path.Combine(shared, "..", d[SharedPrefix.Length..]))
            .Concat(Copies.Select(c => c.Original).Distinct().Select(o => Distinct.First(d => FileName(d) == o)).Select(d => Path.Combine(shared, "..", d[SharedPrefix.Length..])))
            .Concat(Copies.Select(c => Path.Combine(RepositoryPaths.DuplicateSet, "images", c.Copy)))
            .Concat(Negatives.SelectMany(n => (string[])[n.A, n.B]).Select(f => Path.Combine(RepositoryPaths.DuplicateSet, "images", f)))
            .Select(Path.GetFullPath).Distinct().ToList();
        foreach (var source in sources)
        {
            File.Copy(source, Path.Combine(folder, Path.GetFileName(source)), overwrite: true);
        }

        return sources.Count;
    }

    private static string FileName(string sharedPath) => Path.GetFileName(sharedPath);
}
