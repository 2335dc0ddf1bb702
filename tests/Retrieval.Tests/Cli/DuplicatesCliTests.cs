using System.Text.Json;
using Retrieval.Testing;
using Retrieval.Tests.Duplicates;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Cli;

/// <summary><c>retrieval status --duplicates [--near [--min-similarity S]] [--json]</c> as a user runs it: exact and edited copies.</summary>
public sealed class DuplicatesCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-cli-duplicates-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task ExactAndEditedCopies_AreListedWithTheirOriginals_KindAndSimilarity()
    {
        var photos = Directory.CreateDirectory(Path.Combine(_folder.FullName, "photos")).FullName;
        var db = Path.Combine(_folder.FullName, "index");
        var set = DuplicateTestSet.Load();
        var (copy, originalName, _) = set.Copies.First(c => c.Edit == "half");
        var original = Path.Combine(File.Exists(Path.Combine(IndexFixture.CocoImages, originalName)) ? IndexFixture.CocoImages : IndexFixture.FlickrImages, originalName);
        File.Copy(original, Path.Combine(photos, "a-original.jpg"));
        File.Copy(Path.Combine(RepositoryPaths.DuplicateSet, "images", copy), Path.Combine(photos, "b-half-size.jpg"));
        File.Copy(original, Path.Combine(photos, "c-same-bytes.jpg"));
        foreach (var other in Directory.GetFiles(IndexFixture.CocoImages, "*.jpg").Where(f => Path.GetFileName(f) != originalName).Order(StringComparer.Ordinal).Take(6))
        {
            File.Copy(other, Path.Combine(photos, Path.GetFileName(other)));
        }

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", photos, "--db", db]);
        Assert.True(exit == 0, stderr);
        Assert.Contains("1 near-duplicate of photos indexed before (retrieval status --duplicates --near)", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["status", "--duplicates", "--near", "--json", "--db", db]);
        Assert.True(exit == 0, stderr);
        var entries = JsonDocument.Parse(stdout).RootElement.GetProperty("duplicates").EnumerateArray()
            .Select(d => (Path: Path.GetFileName(d.GetProperty("path").GetString()), Original: Path.GetFileName(d.GetProperty("original").GetString()),
                Kind: d.GetProperty("kind").GetString(), Similarity: d.GetProperty("similarity").GetDouble()))
            .ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains(("c-same-bytes.jpg", "a-original.jpg", "exact", 1.0), entries);
        var near = Assert.Single(entries, e => e.Kind == "near");
        Assert.Equal(("b-half-size.jpg", "a-original.jpg"), (near.Path, near.Original)); // the larger is the original
        Assert.InRange(near.Similarity, 0.9, 1.0);

        // Without --near only the exact copy; a threshold above the pair's similarity drops it.
        (_, stdout, _) = await ChildProcess.RunCliAsync(["status", "--duplicates", "--json", "--db", db]);
        Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("duplicates").EnumerateArray());
        (_, stdout, _) = await ChildProcess.RunCliAsync(["status", "--duplicates", "--near", "--min-similarity", "1", "--db", db]);
        Assert.DoesNotContain("near-duplicate:", stdout, StringComparison.Ordinal);
        Assert.Contains("duplicate: ", stdout, StringComparison.Ordinal);
        (_, stdout, _) = await ChildProcess.RunCliAsync(["status", "--duplicates", "--near", "--db", db]);
        Assert.Contains("near-duplicate: ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawBesideJpeg_AndIphoneEdit_AreCountedAsCompanions_NotListedAsDuplicates()
    {
        var photos = Directory.CreateDirectory(Path.Combine(_folder.FullName, "photos")).FullName;
        var db = Path.Combine(_folder.FullName, "index");
        var formats = Path.Combine(RepositoryPaths.Root, "tests", "formats-set");
        File.Copy(Path.Combine(formats, "references", "dng-preview.png"), Path.Combine(photos, "IMG_0042.JPG")); // the camera's rendering of the DNG
        File.Copy(Path.Combine(formats, "files", "dng-preview.dng"), Path.Combine(photos, "IMG_0042.dng"));
        File.Copy(Path.Combine(formats, "files", "heic-8bit.heic"), Path.Combine(photos, "IMG_0050.HEIC"));
        File.WriteAllBytes(Path.Combine(photos, "IMG_E0050.HEIC"), [.. File.ReadAllBytes(Path.Combine(photos, "IMG_0050.HEIC")), 0]);
        File.Copy(Directory.GetFiles(IndexFixture.CocoImages, "*.jpg").Order(StringComparer.Ordinal).First(), Path.Combine(photos, "unrelated.jpg"));

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", photos, "--db", db]);
        Assert.True(exit == 0, stderr);
        Assert.Contains("2 companion files", stdout, StringComparison.Ordinal);
        Assert.Contains("3 photos searchable", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["status", "--duplicates", "--near", "--json", "--db", db]);
        Assert.True(exit == 0, stderr);
        var status = JsonDocument.Parse(stdout).RootElement;
        Assert.Empty(status.GetProperty("duplicates").EnumerateArray());
        Assert.Equal((3, 2, 5), (status.GetProperty("photos").GetProperty("indexed").GetInt32(), status.GetProperty("photos").GetProperty("companions").GetInt32(),
            status.GetProperty("photos").GetProperty("total").GetInt32()));
        (_, stdout, _) = await ChildProcess.RunCliAsync(["status", "--duplicates", "--near", "--db", db]);
        Assert.Contains("2 companion files", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("duplicate: ", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--near")]
    [InlineData("--duplicates --near --min-similarity 1.5")]
    [InlineData("--duplicates --near --min-similarity many")]
    public async Task MalformedOptions_AreRefusedWithAReason(string options)
    {
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["status", .. options.Split(' '), "--db", Path.Combine(_folder.FullName, "index")]);
        Assert.NotEqual(0, exit);
        Assert.Contains("--", stderr, StringComparison.Ordinal);
    }
}
