using System.Collections.Concurrent;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Tests.Places;

/// <summary>
/// The place set indexed by the CLI: each placed file is found first by its city's name, its country's English name
/// and its country's Chinese name, in keyword search and in the default (hybrid) search, and carries its place in the
/// results; files with no place (sea, no valid fix) are indexed like any other, have no place, and no place's name
/// finds them; browsing by place counts each country's files and the unplaced ones.
/// </summary>
public sealed class PlacesSetCliTests(PlacesSetCliTests.Library library) : IClassFixture<PlacesSetCliTests.Library>
{
    private static readonly string[] Modes = ["keyword", "hybrid"];

    /// <summary>Every placed file's city (where it has one), country and Chinese country name, each once, in each mode.</summary>
    public static TheoryData<string, string> Queries => [.. Library.Queries.SelectMany(q => Modes.Select(mode => (q, mode)))];

    [Theory]
    [MemberData(nameof(Queries))]
    public void APlacesName_FindsTheFilesTakenThereFirst(string query, string mode)
    {
        // Where two files share the name (both sides of the antimeridian are Fiji), both come first, in either order.
        var expected = PlacesSet.Photos.Where(p => p.Place?.Names.Contains(query, StringComparer.OrdinalIgnoreCase) == true).Select(p => p.File).Order().ToList();
        var found = library.Results[(query, mode)];

        Assert.True(expected.SequenceEqual(found.Take(expected.Count).Order()), $"'{query}' ({mode}): {string.Join(", ", found)}; expected first: {string.Join(", ", expected)}");
        if (mode == "keyword")
        {
            // Keyword search lists only the files it matched: a file with no place matches no place's name.
            Assert.DoesNotContain(found, f => PlacesSet.Photos.Single(p => p.File == f).Place is null);
        }
    }

    [Theory]
    [InlineData("Nanyuki")] // latitude-nan.jpg, had its latitude 0/0 been read as 0
    [InlineData("Honolulu")] // longitude-200.jpg, had its longitude been wrapped
    public void WhereAPositionThatIsNoFixWouldBeMisread_NothingIsFound(string query) =>
        Assert.Empty(library.Results[(query, "keyword")]);

    [Fact]
    public void FilesWithNoValidFix_AreIndexedLikeAnyOther()
    {
        var photos = library.Status.GetProperty("photos");
        Assert.Equal((PlacesSet.Photos.Count, 0), (photos.GetProperty("indexed").GetInt32(), photos.GetProperty("failed").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(PlacesSetTests.Files), MemberType = typeof(PlacesSetTests))]
    public void EachFile_IsListedWithItsPlaceAndDate(string file)
    {
        var photo = PlacesSet.Photos.Single(p => p.File == file);
        var listed = library.Listing[file];

        Assert.Equal(photo.TakenAt.ToString("s", System.Globalization.CultureInfo.InvariantCulture), listed.GetProperty("takenAt").GetString());
        var place = listed.TryGetProperty("place", out var stored) ? stored : (JsonElement?)null;
        Assert.Equal(photo.Place is null, place is null);
        if (photo.Place is { } expected && place is { } found)
        {
            Assert.Equal(
                (expected.Name, expected.City, expected.Region, expected.Country, expected.CountryCode),
                (Text(found, "name"), Text(found, "city"), Text(found, "region"), Text(found, "country"), Text(found, "code")));
        }
    }

    [Fact]
    public void BrowsingByPlace_CountsEachCountrysFiles_AndTheUnplaced()
    {
        var expected = PlacesSet.Photos.Where(p => p.Place is not null).GroupBy(p => p.Place!.CountryCode).ToDictionary(g => g.Key, g => g.Count());
        var countries = library.Places.GetProperty("countries").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("count").GetInt32());

        Assert.Equal(expected.OrderBy(c => c.Key, StringComparer.Ordinal), countries.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(PlacesSet.Photos.Count(p => p.Place is null), library.Places.GetProperty("unplaced").GetInt32());

        // Every photo of a country is in one of its cities, those far from any town (Antarctica, Fiji here) in one with no name.
        foreach (var country in library.Places.GetProperty("countries").EnumerateArray())
        {
            var cities = country.GetProperty("regions").EnumerateArray().SelectMany(r => r.GetProperty("cities").EnumerateArray()).ToList();
            Assert.Equal(country.GetProperty("count").GetInt32(), cities.Sum(c => c.GetProperty("count").GetInt32()));
            var farFromTowns = PlacesSet.Photos.Count(p => p.Place is { City: null } place && place.CountryCode == country.GetProperty("code").GetString());
            Assert.Equal(farFromTowns, cities.Where(c => c.TryGetProperty("name", out var name) is false || name.ValueKind == JsonValueKind.Null).Sum(c => c.GetProperty("count").GetInt32()));
        }
    }

    private static string? Text(JsonElement place, string name) => place.TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>
    /// The set indexed once: its status, every photo as a search lists it, the places tree, and every query's results
    /// (file names, best first), the searches run one per core at a time.
    /// </summary>
    public sealed class Library : IAsyncLifetime
    {
        private static readonly string[] Traps = ["Nanyuki", "Honolulu"];

        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-places-set-");

        public static IReadOnlyList<string> Queries { get; } = [.. PlacesSet.Photos.Select(p => p.Place).OfType<PlacesSet.ExpectedPlace>()
            .SelectMany(p => new[] { p.City, p.Country, p.CountryChinese }).OfType<string>().Distinct()];

        public JsonElement Status { get; private set; }

        /// <summary>Every photo as a filter alone lists it (path, date, place), by file name.</summary>
        public Dictionary<string, JsonElement> Listing { get; private set; } = [];

        /// <summary><c>retrieval places --json</c>.</summary>
        public JsonElement Places { get; private set; }

        public ConcurrentDictionary<(string Query, string Mode), List<string>> Results { get; } = new();

        private string Db => Path.Combine(_folder.FullName, "db");

        public async ValueTask InitializeAsync()
        {
            var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", PlacesSet.Files, "--db", Db, "--device", "cpu", "--no-ocr", "--no-faces"]);
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
            Status = await JsonAsync(["status", "--json", "--db", Db]);
            Places = await JsonAsync(["places", "--json", "--db", Db]);
            var listing = await JsonAsync(["search", "folder:files", "--db", Db, "--json", "--k", "50"]);
            Listing = listing.GetProperty("results").EnumerateArray().ToDictionary(r => Path.GetFileName(r.GetProperty("path").GetString()!));

            // Each search is a process that loads the index (and, in hybrid mode, the text model): one per core at a time.
            using var cores = new SemaphoreSlim(Environment.ProcessorCount);
            var searches = Queries.SelectMany(q => Modes.Select(mode => (q, mode))).Concat(Traps.Select(q => (q, "keyword")));
            await Task.WhenAll(searches.Select(async search =>
            {
                await cores.WaitAsync();
                try
                {
                    Results[search] = await SearchAsync(search.Item1, search.Item2);
                }
                finally
                {
                    cores.Release();
                }
            }));
        }

        public ValueTask DisposeAsync()
        {
            _folder.Delete(recursive: true);
            return ValueTask.CompletedTask;
        }

        private async Task<List<string>> SearchAsync(string query, string mode)
        {
            var results = await JsonAsync(["search", query, "--mode", mode, "--db", Db, "--device", "cpu", "--json", "--k", "20"]);
            return [.. results.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!))];
        }

        private static async Task<JsonElement> JsonAsync(string[] arguments)
        {
            var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(arguments);
            Assert.True(exit == 0, $"retrieval {string.Join(' ', arguments)}: exit {exit}\n{stderr}");
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
    }
}
