using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.Analysis;

/// <summary>The usual answers to <see cref="IPhotoAnalyzer.MissingAsync"/>.</summary>
public static class CatchUp
{
    /// <summary>Nothing to catch up (what it makes is made whenever a photo is read, or needs no index of its own).</summary>
    public static Task<IReadOnlyList<long>> Nothing { get; } = Task.FromResult<IReadOnlyList<long>>([]);

    /// <summary>
    /// The searchable photos (those <paramref name="among"/> allows, default all) without a vector in one-per-photo
    /// collection <paramref name="collection"/>. Looked for one by one only when the collection holds fewer vectors than
    /// there are such photos.
    /// </summary>
    public static async Task<IReadOnlyList<long>> WithoutVectorAsync(PhotoIndex index, string collection, CancellationToken cancellationToken, PhotoFilter? among = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        var searchable = index.Catalog.SearchableIds(among ?? PhotoFilter.None);
        if (index.Collection(collection) is not { } vectors)
        {
            return searchable;
        }

        if (await vectors.Vectors.CountAsync(cancellationToken).ConfigureAwait(false) >= searchable.Count)
        {
            return [];
        }

        var missing = new List<long>();
        foreach (var id in searchable)
        {
            if (await vectors.Vectors.GetVectorAsync(id, cancellationToken).ConfigureAwait(false) is null)
            {
                missing.Add(id);
            }
        }

        return missing;
    }
}
