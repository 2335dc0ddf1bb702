using Retrieval.Keywords;

namespace Retrieval.Tests.Keywords;

/// <summary>
/// A reader asks Lucene for a newer commit only when the index folder changed (its stamp), so a commit made long after
/// the last one — when the reader has stopped asking on every search — must still show.
/// </summary>
public sealed class LuceneReaderRefreshTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-keywords-refresh-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACommitAfterTheFolderSettled_IsSeenByTheNextSearch()
    {
        using var writer = LuceneKeywordIndex.OpenWriter(_folder.FullName);
        await writer.UpsertAsync([new KeywordDocument(1, ["a dog on the beach"], [], "one.jpg", [], null)], _ct);
        await writer.CommitAsync(_ct);
        using var reader = LuceneKeywordIndex.OpenReader(_folder.FullName);
        Assert.Single(await reader.SearchAsync(KeywordQuery.Of("dog"), 10, cancellationToken: _ct));

        // Past the settle time the reader trusts the unchanged stamp and no longer asks Lucene.
        await Task.Delay(TimeSpan.FromSeconds(3.5), _ct);
        Assert.Empty(await reader.SearchAsync(KeywordQuery.Of("lighthouse"), 10, cancellationToken: _ct));

        await writer.UpsertAsync([new KeywordDocument(2, ["a lighthouse at dusk"], [], "two.jpg", [], null)], _ct);
        await writer.CommitAsync(_ct);
        Assert.Equal([2L], (await reader.SearchAsync(KeywordQuery.Of("lighthouse"), 10, cancellationToken: _ct)).Select(h => h.Id));

        await writer.DeleteAsync([1], _ct);
        await writer.CommitAsync(_ct);
        Assert.Empty(await reader.SearchAsync(KeywordQuery.Of("dog"), 10, cancellationToken: _ct));
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
