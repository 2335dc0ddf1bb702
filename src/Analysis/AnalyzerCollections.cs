using Retrieval.Catalog;

namespace Retrieval.Analysis;

/// <summary>What a set of analyzers declares, as an index is opened for them.</summary>
public static class AnalyzerCollections
{
    /// <summary>Every vector collection <paramref name="analyzers"/> fill: what the index is opened to write.</summary>
    /// <exception cref="ArgumentException">Two analyzers declare one collection name.</exception>
    public static IReadOnlyList<CollectionKind> DeclaredBy(IEnumerable<IPhotoAnalyzer> analyzers)
    {
        ArgumentNullException.ThrowIfNull(analyzers);
        var collections = analyzers.SelectMany(a => a.Collections).ToList();
        if (collections.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"two analyzers declare the collection '{twice.Key}'", nameof(analyzers));
        }

        return collections;
    }
}
