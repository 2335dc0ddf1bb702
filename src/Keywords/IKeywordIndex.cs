using Retrieval.Ids;

namespace Retrieval.Keywords;

/// <summary>
/// What the engine needs from a keyword index: replace and delete documents by photo id, make them durable,
/// and rank photos for a free-text query by BM25. Small on purpose, so a search engine (OpenSearch,
/// Elasticsearch) can stand in for the Lucene index on disk.
/// </summary>
public interface IKeywordIndex : IDisposable
{
    /// <summary>Adds or replaces the documents (by id). Visible to searches after <see cref="CommitAsync"/>.</summary>
    Task UpsertAsync(IReadOnlyList<KeywordDocument> documents, CancellationToken cancellationToken = default);

    /// <summary>Removes the documents of <paramref name="ids"/>; unknown ids are ignored.</summary>
    Task DeleteAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default);

    /// <summary>Makes every change so far durable and visible.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reclaims replaced and deleted documents, so ranking statistics count only live ones: after it, an index
    /// that saw many updates scores exactly as one built fresh. Durable when the task completes.
    /// </summary>
    Task CompactAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The <paramref name="k"/> best matches of <paramref name="query"/> among the photos <paramref name="filter"/>
    /// allows (null: all), best first; none for a query with no searchable word.
    /// </summary>
    Task<IReadOnlyList<KeywordHit>> SearchAsync(KeywordQuery query, int k, IdFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Every photo that holds one of <paramref name="words"/>, however many: what <c>-word</c> leaves out.</summary>
    Task<IReadOnlySet<long>> PhotosHoldingAsync(IReadOnlyList<string> words, CancellationToken cancellationToken = default);

    /// <summary>
    /// The words of <paramref name="text"/> as the index matches them (its analysis: case, stop words, stems), so
    /// "why it matched" compares what the index compares.
    /// </summary>
    IReadOnlyList<string> Analyze(string text);

    /// <summary>How many documents the index holds.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
