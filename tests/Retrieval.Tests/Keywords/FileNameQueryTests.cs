using Retrieval.Keywords;

namespace Retrieval.Tests.Keywords;

/// <summary>A file name typed whole ("IMG_0100") finds that file: its words are matched in a row, as names are indexed.</summary>
public sealed class FileNameQueryTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-keywords-names-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("IMG_0100", new long[] { 1 })]
    [InlineData("img_0100", new long[] { 1 })]
    [InlineData("DSC0042", new long[] { 2 })]
    [InlineData("IMG_0042", new long[0])]
    public async Task AFileNameTypedWhole_FindsThatFile(string query, long[] expected)
    {
        using var index = LuceneKeywordIndex.OpenWriter(_folder.FullName);
        await index.UpsertAsync(
        [
            new KeywordDocument(1, [], [], "IMG_0100.JPG", [], null),
            new KeywordDocument(2, [], [], "DSC0042.NEF", [], null),
            new KeywordDocument(3, [], [], "IMG_0101.JPG", [], null),
        ], _ct);
        await index.CommitAsync(_ct);
        var hits = await index.SearchAsync(KeywordQuery.Of(query), 10, cancellationToken: _ct);
        Assert.Equal(expected, hits.Select(h => h.Id));
    }

    [Fact]
    public void JoinedWords_AreSplitAsNames_OthersKept() =>
        Assert.Equal("a dog IMG 0100 beach DSC 42", NameTokens.SplitJoinedWords("a dog IMG_0100 beach DSC42"));
}
