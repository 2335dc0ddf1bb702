using Retrieval.Keywords;

namespace Retrieval.Tests.Keywords;

/// <summary>
/// Text read in photos, in the keyword index: words the recogniser ran together found inside the run (five letters
/// or more), Chinese found by its character pairs, neither found where it is not, and both honoured by exclusion.
/// </summary>
public sealed class TextInPhotoKeywordTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-keywords-text-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("kohlrabi", new long[] { 1 })]
    [InlineData("KOHLRABI", new long[] { 1 })]
    [InlineData("ristorante", new long[] { 2 })]
    [InlineData("火锅", new long[] { 2 })]
    [InlineData("电影院", new long[] { 3 })]
    [InlineData("rabi", new long[0])]
    [InlineData("鱼香", new long[0])]
    [InlineData("radish", new long[0])]
    public async Task AWordIsFoundWhereTheTextHoldsIt_AndNowhereElse(string word, long[] expected)
    {
        using var index = await IndexAsync();
        var hits = await index.SearchAsync(KeywordQuery.Of(word), 10, cancellationToken: _ct);
        Assert.Equal(expected, hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task ExcludedWords_LookInsideTheText_Too()
    {
        using var index = await IndexAsync();
        Assert.Equal([1L], (await index.PhotosHoldingAsync(["kohlrabi"], _ct)).Order());
        Assert.Equal([2L], (await index.PhotosHoldingAsync(["火锅"], _ct)).Order());
    }

    private async Task<LuceneKeywordIndex> IndexAsync()
    {
        var index = LuceneKeywordIndex.OpenWriter(_folder.FullName);
        await index.UpsertAsync(
        [
            new KeywordDocument(1, [], [], "shot.png", [], null, ["Notes:kohlrabiandmore"]),
            new KeywordDocument(2, [], [], "chat.png", [], null, ["今天晚上我们去吃火锅吧", "RistoranteDaMario"]),
            new KeywordDocument(3, ["周五下午去电影院怎么样"], [], "caption.jpg", [], null),
        ], _ct);
        await index.CommitAsync(_ct);
        return index;
    }
}
