using System.Text.Json;
using Microsoft.Data.Sqlite;
using Retrieval.Testing;

namespace Retrieval.Tests.Places;

/// <summary>
/// Photos with EXIF GPS indexed by the CLI (the format set's GPS photos: the Eiffel Tower, the Sydney Opera House,
/// Westminster, the Statue of Liberty, beside photos with no position) are found by their place's names — town,
/// district's city, region, country in English and Chinese, country code — in keyword search and in the default search,
/// which says where they were taken; <c>place:</c> and <c>near:</c> narrow to them; <c>retrieval places</c> lists them;
/// and when the place data changes they are placed again from their stored positions, without being read.
/// </summary>
public sealed class PlacesAnalyzerCliTests(PlacesAnalyzerCliTests.Library library) : IClassFixture<PlacesAnalyzerCliTests.Library>
{
    [Fact]
    public async Task EachPhoto_IsFoundFirstByItsPlacesNames()
    {
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
                var first = (await library.SearchAsync(query, "--mode", mode, "--k", "3")).Select(FileName).FirstOrDefault();
                Assert.True(first == file, $"'{query}' ({mode}): {first ?? "nothing"} came first, not {file}");
            }
        }
    }

    [Fact]
    public async Task TheDefaultSearch_SaysWhereAPhotoWasTaken()
    {
        var first = (await library.SearchAsync("Sydney", "--k", "1"))[0];
        Assert.Equal("avif-exif.avif", FileName(first));
        var place = first.GetProperty("place");
        Assert.Equal(("Sydney", "New South Wales", "AU"), (place.GetProperty("city").GetString(), place.GetProperty("region").GetString(), place.GetProperty("code").GetString()));
        var evidence = first.GetProperty("why").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "place");
        Assert.Equal($"taken in {place.GetProperty("label").GetString()}", evidence.GetProperty("detail").GetString());
        Assert.EndsWith("Sydney, Australia", evidence.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(evidence.GetProperty("counted").GetDouble() > 0);

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", "Sydney", "--db", library.Db, "--device", "cpu", "--k", "1"]);
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"1\. [0-9.]+  .*avif-exif\.avif  \(.*Sydney, Australia\)", stdout);
    }

    [Fact]
    public async Task ThePlaceFilter_TakesAnyWholeName()
    {
        foreach (var (query, found) in new (string, string[])[]
        {
            ("place:paris", ["dng-preview.dng"]), ("place:\"new york city\"", ["heic-exif.heic"]), ("place:英国", ["tiff-exif.tif"]),
            ("place:AU", ["avif-exif.avif"]), ("place:JP", []), ("place:par", []), ("a cat place:france", ["dng-preview.dng"]),
        })
        {
            var names = (await library.SearchAsync(query, "--k", "10", "--min-score", "-1")).Select(FileName).ToList();
            Assert.True(found.SequenceEqual(names), $"'{query}': {string.Join(", ", names)}");
        }
    }

    [Fact]
    public async Task TheNearFilter_KeepsThePhotosWithinItsRadius()
    {
        // The Sydney Opera House photo (-33.856784, 151.215297 in its EXIF) is 0.5 km north of -33.8613,151.2153; Paris is 17,000 km away.
        Assert.Equal(["avif-exif.avif"], (await library.SearchAsync("near:-33.8613,151.2153,2", "--k", "10")).Select(FileName));
        Assert.Empty(await library.SearchAsync("near:-33.8613,151.2153,0.3", "--k", "10"));
        Assert.Equal(4, (await library.SearchAsync("near:0,0,20000", "--k", "10")).Count);

        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["search", "near:95,0", "--db", library.Db, "--device", "cpu"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("latitude 95 is not between -90 and 90", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Places_ListsCountriesRegionsAndCities_WithCountsAndCovers()
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["places", "--db", library.Db, "--json"]);
        Assert.True(exit == 0, stderr);
        var places = JsonDocument.Parse(stdout).RootElement;
        var countries = places.GetProperty("countries").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        Assert.Equal(["AU", "FR", "GB", "US"], countries.Keys.Order());
        var australia = countries["AU"];
        Assert.Equal(("Australia", 1), (australia.GetProperty("name").GetString(), australia.GetProperty("count").GetInt32()));
        var region = australia.GetProperty("regions").EnumerateArray().Single();
        Assert.Equal("New South Wales", region.GetProperty("name").GetString());
        var city = region.GetProperty("cities").EnumerateArray().Single();
        Assert.Equal("Sydney", city.GetProperty("name").GetString());
        var sydney = (await library.SearchAsync("Sydney", "--k", "1"))[0].GetProperty("id").GetInt64();
        Assert.Equal([sydney, sydney, sydney], [australia.GetProperty("cover").GetInt64(), region.GetProperty("cover").GetInt64(), city.GetProperty("cover").GetInt64()]);
        Assert.Equal(Library.Files.Length - 4, places.GetProperty("unplaced").GetInt32());

        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["places", "--db", library.Db]);
        Assert.True(exit == 0, stderr);
        Assert.Contains("Australia (AU)  1 photo\n  New South Wales  1 photo\n    Sydney  1 photo\n", stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenThePlaceDataChanges_PhotosArePlacedAgain_FromTheirStoredPositions_WithoutBeingRead()
    {
        // As if the photos had been placed by other data (an index made before places, or an older places file).
        library.Catalog("UPDATE places SET version = 'older', city = 'Elsewhere', name = 'Elsewhere'; DELETE FROM fields WHERE field = 'place';");
        Assert.Empty(await library.SearchAsync("place:sydney"));

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", library.Photos, "--db", library.Db, "--device", "cpu", "--no-ocr", "--no-faces"]);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("Embedded 0 photos", stdout, StringComparison.Ordinal);
        Assert.Contains("; places updated from the catalog 4.", stdout, StringComparison.Ordinal);
        Assert.Equal(["avif-exif.avif"], (await library.SearchAsync("place:sydney")).Select(FileName));
        Assert.Equal(0L, library.Catalog("SELECT count(*) FROM places WHERE version = 'older' OR city = 'Elsewhere'"));
    }

    private static string FileName(JsonElement result) => Path.GetFileName(result.GetProperty("path").GetString()!);

    /// <summary>The GPS photos of the format set beside some without a position, indexed once with the default model.</summary>
    public sealed class Library : IAsyncLifetime
    {
        public static readonly string[] Files = ["dng-preview.dng", "avif-exif.avif", "tiff-exif.tif", "heic-exif.heic", "heic-8bit.heic", "tiff-rgb8.tif"];

        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-places-");

        public string Photos => Path.Combine(_folder.FullName, "library");

        public string Db => Path.Combine(_folder.FullName, "db");

        public async ValueTask InitializeAsync()
        {
            Directory.CreateDirectory(Photos);
            foreach (var file in Files)
            {
                File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "formats-set", "files", file), Path.Combine(Photos, file));
            }

            var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", Photos, "--db", Db, "--device", "cpu", "--no-ocr", "--no-faces"]);
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        }

        public ValueTask DisposeAsync()
        {
            _folder.Delete(recursive: true);
            return ValueTask.CompletedTask;
        }

        public async Task<List<JsonElement>> SearchAsync(string query, params string[] options)
        {
            var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", query, "--db", Db, "--device", "cpu", "--json", .. options]);
            Assert.True(exit == 0, $"'{query}': exit {exit}\n{stderr}");
            return [.. JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().Select(r => r.Clone())];
        }

        /// <summary>Runs SQL on the catalog directly (between CLI runs); returns the first column of the first row, if any.</summary>
        public object? Catalog(string sql)
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(Db, "catalog.db")};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }
    }
}
