using Retrieval.Catalog;
using Retrieval.Errors;

namespace Retrieval.Analysis;

/// <summary>What a set of analyzers declares, as an index is opened for them.</summary>
public static class AnalyzerCollections
{
    /// <summary>Every vector collection <paramref name="analyzers"/> fill: what the index is opened to write.</summary>
    /// <exception cref="InvalidInputException">Two analyzers declare one collection name (one plug-in named twice, or two that clash).</exception>
    public static IReadOnlyList<CollectionKind> DeclaredBy(IEnumerable<IPhotoAnalyzer> analyzers)
    {
        ArgumentNullException.ThrowIfNull(analyzers);
        var declared = analyzers.SelectMany(a => a.Collections.Select(c => (Analyzer: a, Collection: c))).ToList();
        if (declared.GroupBy(d => d.Collection.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            var owners = twice.Select(d => $"'{d.Analyzer.Name}' ({d.Analyzer.GetType().Assembly.GetName().Name})");
            throw new InvalidInputException(AnalyzerOptions.Section,
                $"the analyzers {string.Join(" and ", owners)} both declare the vector collection '{twice.Key}': a collection has one analyzer (is a plug-in named twice in {AnalyzerOptions.Section}:Plugins?)");
        }

        return [.. declared.Select(d => d.Collection)];
    }
}
