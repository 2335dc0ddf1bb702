using Retrieval.Backends;
using Retrieval.Models;
using Retrieval.Search;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Search;

/// <summary>
/// The search core over a real index: 12 COCO photos in two folders, dated and signed by two cameras in their
/// EXIF, with their COCO captions, embedded by the default model. Filters, exclusions, phrases, concepts,
/// fusion, paging, the cut and the order, and why each result matched.
/// </summary>
public sealed class PhotoSearcherTests : IAsyncLifetime
{
    private const string Cake = "000000000790.jpg", Plates = "000000062554.jpg", Noodles = "000000099053.jpg", Cartoon = "000000114174.jpg";
    private readonly IndexFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private ClipModel? _model;
    private PhotoIndex? _index;

    public async ValueTask InitializeAsync()
    {
        // Six photos in trips/2019, taken in May 2019 with a NIKON; six in home, taken in 2021 with a Canon.
        var files = Directory.GetFiles(IndexFixture.CocoImages, "*.jpg").Order(StringComparer.Ordinal).Take(12).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            var (folder, taken, make, model) = i < 6
                ? (Path.Combine("trips", "2019"), new DateTime(2019, 5, 1 + i, 12, 0, 0), "NIKON CORPORATION", "NIKON D750")
                : ("home", new DateTime(2021, 3, 1 + i, 9, 0, 0), "Canon", "Canon EOS R5");
            var target = Path.Combine(_fixture.Photos, folder, Path.GetFileName(files[i]));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, ExifJpeg.WithDateAndCamera(await File.ReadAllBytesAsync(files[i], _ct), taken, make, model), _ct);
        }

        _model = TestModels.Default();
        await _fixture.IndexAsync(_model, IndexFixture.CocoCaptions);
        _index = _fixture.Backend.OpenForReading();
    }

    public ValueTask DisposeAsync()
    {
        _index?.Dispose();
        _model?.Dispose();
        _fixture.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Filters_KeepOnlyThePhotosTheyName()
    {
        // Non-empty first: Assert.All holds for an empty list too.
        var home = await NamesAsync("food folder:home", k: 50);
        Assert.NotEmpty(home);
        Assert.All(home, n => Assert.Contains(n, HomeNames()));
        var trips = await NamesAsync("food folder:trips/2019", k: 50);
        Assert.NotEmpty(trips);
        Assert.All(trips, n => Assert.DoesNotContain(n, HomeNames()));
        Assert.Equal(HomeNames().Order(), (await NamesAsync("photo after:2020 camera:canon", k: 50, minScore: double.NegativeInfinity)).Order());
        Assert.Empty(await NamesAsync("photo after:2020 camera:nikon", k: 50));
        Assert.Equal(6, (await NamesAsync("photo before:2020-01-01", k: 50, minScore: double.NegativeInfinity)).Count);
    }

    [Fact]
    public async Task SortByDate_PutsTheNewestFirst()
    {
        var results = await SearchAsync("photo sort:date", k: 12, minScore: double.NegativeInfinity);
        Assert.Equal(12, results.Hits.Count);
        Assert.Equal(results.Hits.Select(h => h.TakenAt).OrderDescending(StringComparer.Ordinal), results.Hits.Select(h => h.TakenAt));
        Assert.StartsWith("2021-03-12", results.Hits[0].TakenAt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExcludedWordsPhrasesAndConcepts_ChangeWhatMatches()
    {
        Assert.Contains(Cake, await NamesAsync("table", SearchMode.Keyword));
        Assert.DoesNotContain(Cake, await NamesAsync("table -cake", SearchMode.Keyword));
        Assert.DoesNotContain(Cake, await NamesAsync("people at a table -cake", SearchMode.Vector, minScore: double.NegativeInfinity));
        // Two photos' captions hold the phrase (one is a cartoon "with posters of birthday cake").
        Assert.Equal([Cake, Cartoon], (await NamesAsync("\"birthday cake\"", SearchMode.Keyword)).Order(StringComparer.Ordinal));

        // Subtracting the concept pushes the broccoli photos down.
        var plain = await NamesAsync("a meal on a table", SearchMode.Vector, k: 12, minScore: double.NegativeInfinity);
        var without = await NamesAsync("a meal on a table -\"broccoli\"", SearchMode.Vector, k: 12, minScore: double.NegativeInfinity);
        Assert.True(without.IndexOf(Noodles) > plain.IndexOf(Noodles), $"{string.Join(", ", plain)} / {string.Join(", ", without)}");
    }

    [Fact]
    public async Task AdaptiveCut_KeepsTheMatchesAndDropsTheTail_MinScoreCutsExplicitly()
    {
        var cut = await NamesAsync("broccoli", SearchMode.Vector, k: 12);
        Assert.Contains(Plates, cut);
        Assert.Contains(Noodles, cut);
        Assert.True(cut.Count < 12, $"the cut kept all of {string.Join(", ", cut)}");
        Assert.Equal(12, (await NamesAsync("broccoli", SearchMode.Vector, k: 12, minScore: double.NegativeInfinity)).Count);

        var scored = await SearchAsync("broccoli", SearchMode.Vector, k: 12, minScore: 0.3);
        Assert.NotEmpty(scored.Hits);
        Assert.All(scored.Hits, h => Assert.True(h.Score >= 0.3));
    }

    [Fact]
    public async Task PagingAndFusion_AreConsistent()
    {
        var all = await NamesAsync("people eating food", k: 12, minScore: double.NegativeInfinity);
        var second = await SearchAsync("people eating food", k: 4, offset: 4, minScore: double.NegativeInfinity);
        Assert.Equal(all.Skip(4).Take(4), second.Hits.Select(h => Path.GetFileName(h.Path)));
        Assert.Equal(12, second.Matches);

        var vector = await NamesAsync("a plate of food on a table", SearchMode.Vector, k: 12, minScore: double.NegativeInfinity);
        Assert.Equal(vector, await NamesAsync("a plate of food on a table", k: 12, minScore: double.NegativeInfinity, alpha: 1));
        var keyword = await NamesAsync("a plate of food on a table", SearchMode.Keyword, k: 12);
        Assert.Equal(keyword, (await NamesAsync("a plate of food on a table", k: 12, minScore: double.NegativeInfinity, alpha: 0)).Take(keyword.Count));
    }

    [Fact]
    public async Task Hits_SayWhyTheyMatched()
    {
        var hit = (await SearchAsync("birthday cake", k: 1)).Hits.Single();
        Assert.Equal(Cake, Path.GetFileName(hit.Path));
        Assert.Equal(["birthday", "cake"], hit.MatchedWords);
        Assert.Contains("cake", hit.MatchedCaption, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(hit.VectorScore);
        Assert.NotNull(hit.KeywordScore);
        Assert.Equal(640, hit.Width);
    }

    private List<string> HomeNames() =>
        [.. Directory.GetFiles(Path.Combine(_fixture.Photos, "home")).Select(Path.GetFileName).OfType<string>()];

    private async Task<List<string>> NamesAsync(string query, SearchMode mode = SearchMode.Hybrid, int k = 10, double? minScore = null, double? alpha = null) =>
        [.. (await SearchAsync(query, mode, k, minScore: minScore, alpha: alpha)).Hits.Select(h => Path.GetFileName(h.Path))];

    private async Task<SearchResults> SearchAsync(string text, SearchMode mode = SearchMode.Hybrid, int k = 10, int offset = 0, double? minScore = null, double? alpha = null)
    {
        var query = QueryParser.Parse(text);
        var request = new SearchRequest
        {
            Query = query, TextVector = QueryVectors.ForText(_model!, query, _ct), Mode = mode, K = k, Offset = offset, MinScore = minScore, Alpha = alpha,
        };
        return await new PhotoSearcher(_index!, new SearchOptions()).SearchAsync(request, _ct);
    }
}
