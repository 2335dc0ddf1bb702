using Retrieval.Ids;
using Retrieval.Keywords;
using Retrieval.Vectors;

namespace Retrieval.Tests.Contracts;

/// <summary>
/// What every <see cref="IKeywordIndex"/> must do, through the interface only: the local Lucene index runs it
/// (<see cref="LuceneKeywordIndexContractTests"/>), and a provider over a search engine (OpenSearch) inherits it
/// unchanged, implementing <see cref="CreateWriter"/> and <see cref="OpenReader"/>.
/// </summary>
public abstract class KeywordIndexContract : IDisposable
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>A new, empty index open for writing (one per test).</summary>
    protected abstract IKeywordIndex CreateWriter();

    /// <summary>A reader of the index <see cref="CreateWriter"/> made, which sees its commits.</summary>
    protected abstract IKeywordIndex OpenReader();

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the test made.</summary>
    protected abstract void Dispose(bool disposing);

    [Fact]
    public async Task WordsMatchInAnyField_CaptionsOutrankNames_AndReadersSeeCommits()
    {
        using var writer = CreateWriter();
        await writer.UpsertAsync(
        [
            Document(1, captions: ["A dog runs on the beach."]),
            Document(2, name: "dog-park.jpg"),
            Document(3, captions: ["Two cats asleep on a sofa."], tags: ["cat"]),
            Document(4, folders: ["dogs"], camera: "Canon EOS R5"),
        ], _ct);
        using var reader = OpenReader();
        Assert.Empty(await reader.SearchAsync(KeywordQuery.Of("dog"), 10, cancellationToken: _ct));
        await writer.CommitAsync(_ct);

        var dog = await reader.SearchAsync(KeywordQuery.Of("dogs"), 10, cancellationToken: _ct);
        Assert.Equal(1L, dog[0].Id);
        Assert.Equal([1L, 2L, 4L], dog.Select(h => h.Id).Order());
        Assert.True(dog.Zip(dog.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Equal([3L], (await reader.SearchAsync(KeywordQuery.Of("cat"), 10, cancellationToken: _ct)).Select(h => h.Id));
        Assert.Equal([4L], (await reader.SearchAsync(KeywordQuery.Of("canon"), 10, cancellationToken: _ct)).Select(h => h.Id));
        Assert.Empty(await reader.SearchAsync(KeywordQuery.Of("the a on"), 10, cancellationToken: _ct));
        Assert.Equal(4, await reader.CountAsync(_ct));
    }

    [Fact]
    public async Task Phrases_MustMatchWordForWord_ExcludedWordsNever()
    {
        using var writer = CreateWriter();
        await writer.UpsertAsync(
        [
            Document(1, captions: ["a red bus on a bridge"]),
            Document(2, captions: ["a bus, red and white, at a stop"]),
            Document(3, captions: ["a red car next to a bus"]),
        ], _ct);
        await writer.CommitAsync(_ct);
        Assert.Equal([1L], (await writer.SearchAsync(new KeywordQuery("bus", ["red bus"], []), 10, cancellationToken: _ct)).Select(h => h.Id));
        Assert.Equal([1L, 2L], (await writer.SearchAsync(new KeywordQuery("red bus", [], ["car"]), 10, cancellationToken: _ct)).Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Filter_AllowsAndExcludesPhotos_BeforeTheTopK()
    {
        using var writer = CreateWriter();
        // 40 photos match "boat"; the filter allows the 3 ranked last: a post-filter of the top 10 would find none.
        await writer.UpsertAsync([.. Enumerable.Range(1, 40).Select(i => Document(i, captions: [string.Join(' ', Enumerable.Repeat("boat", 1 + (i % 9))) + $" on lake {i}"]))], _ct);
        await writer.CommitAsync(_ct);
        var ranking = (await writer.SearchAsync(KeywordQuery.Of("boat"), 40, cancellationToken: _ct)).Select(h => h.Id).ToList();
        Assert.Equal(40, ranking.Count);
        var last = ranking[^3..];
        Assert.Equal(last, (await writer.SearchAsync(KeywordQuery.Of("boat"), 10, IdFilter.Allow(last), _ct)).Select(h => h.Id));
        var excluded = await writer.SearchAsync(KeywordQuery.Of("boat"), 3, IdFilter.Exclude(ranking[..2]), _ct);
        Assert.Equal(ranking[2..5], excluded.Select(h => h.Id));
        Assert.Empty(await writer.SearchAsync(KeywordQuery.Of("boat"), 10, IdFilter.Allow([]), _ct));
    }

    [Fact]
    public async Task PhotosHolding_FindsEveryMatch_WithoutADepthLimit()
    {
        using var writer = CreateWriter();
        const int Count = IVectorIndex.MaxK + 500;
        await writer.UpsertAsync([.. Enumerable.Range(1, Count).Select(i => Document(i, captions: [i % 2 == 0 ? "a street in the snow" : "a street in the sun"]))], _ct);
        await writer.CommitAsync(_ct);
        var snowy = await writer.PhotosHoldingAsync(["snow", "blizzard"], _ct);
        Assert.Equal(Count / 2, snowy.Count);
        Assert.All(snowy, id => Assert.Equal(0, id % 2));
        Assert.Empty(await writer.PhotosHoldingAsync(["the"], _ct));
    }

    [Fact]
    public async Task DeleteAndCompact_LeaveOnlyLiveDocuments()
    {
        using var writer = CreateWriter();
        await writer.UpsertAsync([Document(1, captions: ["a kite"]), Document(2, captions: ["a kite"]), Document(3, captions: ["a kite"])], _ct);
        await writer.CommitAsync(_ct);
        await writer.DeleteAsync([2, 99], _ct);
        await writer.UpsertAsync([Document(3, captions: ["a balloon"])], _ct);
        await writer.CommitAsync(_ct);
        await writer.CompactAsync(_ct);
        Assert.Equal([1L], (await writer.SearchAsync(KeywordQuery.Of("kite"), 10, cancellationToken: _ct)).Select(h => h.Id));
        Assert.Equal(2, await writer.CountAsync(_ct));
    }

    [Fact]
    public void Analyze_GivesTheWordsAsTheIndexMatchesThem()
    {
        using var writer = CreateWriter();
        Assert.Equal(writer.Analyze("dog"), writer.Analyze("Dogs"));
        Assert.Equal(writer.Analyze("running"), writer.Analyze("runs"));
        Assert.Empty(writer.Analyze("the"));
        Assert.Equal(2, writer.Analyze("the red buses").Count);
    }

    private static KeywordDocument Document(long id, string[]? captions = null, string[]? tags = null, string name = "photo.jpg", string[]? folders = null, string? camera = null) =>
        new(id, captions ?? [], tags ?? [], name, folders ?? [], camera);
}
