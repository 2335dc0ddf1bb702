using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Tests.Places;

/// <summary>
/// Photos with EXIF GPS indexed by the CLI are found by their place's names — town, district's city, region, country in
/// English and Chinese, country code — in keyword search and in the default search (the format set's GPS photos: the
/// Eiffel Tower, the Sydney Opera House, Westminster, the Statue of Liberty); and the <c>place:</c> filter narrows to them.
/// </summary>
public sealed class PlacesAnalyzerCliTests : IDisposable
{
    private static readonly string[] Files = ["dng-preview.dng", "avif-exif.avif", "tiff-exif.tif", "heic-exif.heic", "heic-8bit.heic"];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-places-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task EachPhoto_IsFoundFirstByItsPlacesNames()
    {
        var library = Directory.CreateDirectory(Path.Combine(_folder.FullName, "library")).FullName;
        foreach (var file in Files)
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "formats-set", "files", file), Path.Combine(library, file));
        }

        var db = Path.Combine(_folder.FullName, "db");
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", library, "--db", db, "--device", "cpu", "--no-ocr"]);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");

        var expected = new (string Query, string File)[]
        {
            ("Paris", "dng-preview.dng"), ("France", "dng-preview.dng"), ("法国", "dng-preview.dng"), ("FR", "dng-preview.dng"),
            ("Sydney", "avif-exif.avif"), ("new south wales", "avif-exif.avif"), ("Australia", "avif-exif.avif"),
            ("London", "tiff-exif.tif"), ("英国", "tiff-exif.tif"), ("England", "tiff-exif.tif"),
            ("New York", "heic-exif.heic"), ("美国", "heic-exif.heic"),
        };
        foreach (var (query, file) in expected)
        {
            foreach (var mode in (string[])["keyword", "hybrid"])
            {
                (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", query, "--mode", mode, "--db", db, "--device", "cpu", "--json", "--k", "3"]);
                Assert.True(exit == 0, stderr);
                var first = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).FirstOrDefault();
                Assert.True(first == file, $"'{query}' ({mode}): {first ?? "nothing"} came first, not {file}");
            }
        }

        // The place: filter: the whole name, any of them, alone or beside words.
        foreach (var (query, found) in new (string, string[])[]
        {
            ("place:paris", ["dng-preview.dng"]), ("place:\"new york city\"", ["heic-exif.heic"]), ("place:英国", ["tiff-exif.tif"]),
            ("place:AU", ["avif-exif.avif"]), ("place:JP", []), ("place:par", []), ("a cat place:france", ["dng-preview.dng"]),
        })
        {
            (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", query, "--db", db, "--device", "cpu", "--json", "--k", "10", "--min-score", "-1"]);
            Assert.True(exit == 0, stderr);
            var names = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).ToList();
            Assert.True(found.SequenceEqual(names), $"'{query}': {string.Join(", ", names)}");
        }
    }
}
