using Retrieval.Search;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Search;

/// <summary>
/// A photo named after what its owner sees in it is found first by a query holding that word, in the default
/// (hybrid) mode, even when the model ranks it low: real COCO photos, uncaptioned, two renamed in a temporary folder.
/// </summary>
public sealed class FileNameSearchTests : IAsyncLifetime
{
    private readonly IndexFixture _fixture = new();
    private Retrieval.Models.ClipModel? _model;

    public async ValueTask InitializeAsync()
    {
        var photos = _fixture.CopyPhotos(IndexFixture.CocoImages, "library", 20);
        // A birthday cake named after the lake it was eaten by; a plate of food named after the trip.
        File.Move(photos[0], Path.Combine(Path.GetDirectoryName(photos[0])!, "kayak-lake-2019.jpg"));
        File.Move(photos[1], Path.Combine(Path.GetDirectoryName(photos[1])!, "beach-sunset-2019.jpg"));
        _model = TestModels.Default();
        await _fixture.IndexAsync(_model);
    }

    public ValueTask DisposeAsync()
    {
        _model?.Dispose();
        _fixture.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("kayak", "kayak-lake-2019.jpg")]
    [InlineData("a sunset on the beach", "beach-sunset-2019.jpg")]
    public async Task APhotoNamedForTheQuery_ComesFirst_ThoughTheModelRanksItLow(string text, string expected)
    {
        using var index = _fixture.Backend.OpenForReading();
        var query = QueryParser.Parse(text);
        var vector = QueryVectors.ForText(_model!, query, TestContext.Current.CancellationToken);
        var searcher = new PhotoSearcher(index, new SearchOptions());
        var byModel = await searcher.SearchAsync(new SearchRequest { Query = query, TextVector = vector, Mode = SearchMode.Vector, K = 20, MinScore = double.NegativeInfinity }, TestContext.Current.CancellationToken);
        var modelRank = byModel.Hits.ToList().FindIndex(h => Path.GetFileName(h.Path) == expected);
        Assert.True(modelRank > 0, $"the model alone already ranks {expected} first; the test needs a photo it ranks low");

        var hybrid = await searcher.SearchAsync(new SearchRequest { Query = query, TextVector = vector, K = 5 }, TestContext.Current.CancellationToken);
        Assert.True(expected == Path.GetFileName(hybrid.Hits[0].Path),
            $"hybrid ranks {string.Join(", ", hybrid.Hits.Select(h => $"{Path.GetFileName(h.Path)} {h.Score:0.000} (vector {h.VectorScore:0.000})"))}; the model ranks it {modelRank + 1}");
        // Why: its name counted, and the pieces of evidence add up to the score it was ranked by.
        var first = hybrid.Hits[0];
        Assert.Contains(first.Why, e => e.Kind == "name" && e.Counted > 0.4);
        Assert.All(hybrid.Hits, hit => Assert.Equal(hit.Score, hit.Why.Sum(e => e.Counted ?? 0), 9));
        TestContext.Current.SendDiagnosticMessage($"'{text}': {expected} ranks {modelRank + 1} by the model alone, first in hybrid: {string.Join("; ", first.Why.Select(e => $"{e.Kind} {e.Counted:0.000} ({e.Detail})"))}");
    }
}
