using Retrieval.Keywords;

namespace Retrieval.Tests.Contracts;

/// <summary>The keyword-index contract, run against the Lucene index on disk.</summary>
public sealed class LuceneKeywordIndexContractTests : KeywordIndexContract
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-keywords-");

    protected override IKeywordIndex CreateWriter() => LuceneKeywordIndex.OpenWriter(_folder.FullName);

    protected override IKeywordIndex OpenReader() => LuceneKeywordIndex.OpenReader(_folder.FullName);

    protected override void Dispose(bool disposing) => _folder.Delete(recursive: true);
}
