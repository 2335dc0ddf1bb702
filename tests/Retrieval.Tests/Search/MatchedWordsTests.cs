using Retrieval.Keywords;
using Retrieval.Search;

namespace Retrieval.Tests.Search;

/// <summary>"Why it matched" compares words as the keyword index does (its analysis), so it lists exactly what the index would match.</summary>
public sealed class MatchedWordsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-matched-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void WordsMatch_AfterTheIndexsOwnStemming_AndStopWordsNeverCount()
    {
        using var keywords = LuceneKeywordIndex.OpenReader(_folder.FullName);
        var words = MatchedWords.QueryWords(QueryParser.Parse("the dogs running by a lake"));
        Assert.Equal(["the", "dogs", "running", "by", "lake"], words);
        // Porter stemming as Lucene does it: "runs" and "running" are one word, as are "dog" and "dogs"; "the", "by" are stop words.
        Assert.Equal(["dogs", "running"], MatchedWords.In(words, ["A dog runs on the beach", "by the sea"], keywords.Analyze));
        Assert.Equal(["lake"], MatchedWords.In(words, ["Lakes"], keywords.Analyze));
        Assert.Empty(MatchedWords.In(words, ["a cat"], keywords.Analyze));
    }
}
