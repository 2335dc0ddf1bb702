using Retrieval.Catalog;
using Retrieval.Ids;
using Retrieval.Vectors;

namespace Retrieval.Backends;

/// <summary>
/// A vector collection of an index, photo-aware: its vectors (any <see cref="IVectorIndex"/>) and how their ids
/// map to photos (<see cref="CollectionKind"/>, the catalog holding the mapping). Search asks it in photos — which
/// photos may match, which photo a hit belongs to, each photo's best vector — so the ownership rule lives here once.
/// </summary>
public sealed class PhotoVectors(CollectionKind kind, IVectorIndex vectors, ICatalogReader catalog)
{
    /// <summary>What the collection holds.</summary>
    public CollectionKind Kind => kind;

    /// <summary>The vectors, by the collection's own ids.</summary>
    public IVectorIndex Vectors => vectors;

    /// <summary>
    /// The <paramref name="k"/> vectors closest to <paramref name="query"/> among those of the photos
    /// <paramref name="photos"/> allows (null: all), best first, each with its photo.
    /// </summary>
    public async Task<IReadOnlyList<CollectionHit>> SearchAsync(ReadOnlyMemory<float> query, int k, IdFilter? photos, int maxThreads, CancellationToken cancellationToken)
    {
        var options = new VectorSearchOptions { Filter = photos is null ? null : ItemFilter(photos), MaxThreads = maxThreads };
        var hits = await vectors.SearchAsync(query, k, options, cancellationToken).ConfigureAwait(false);
        var owners = catalog.PhotosOfItems(kind, [.. hits.Select(h => h.Id)]);
        var result = new List<CollectionHit>(hits.Count);
        foreach (var hit in hits)
        {
            if (owners.TryGetValue(hit.Id, out var photo))
            {
                result.Add(new CollectionHit(hit.Id, photo, hit.Score));
            }
        }

        return result;
    }

    /// <summary>Each of <paramref name="photoIds"/>' best vector by similarity to <paramref name="query"/> (photos without one are absent).</summary>
    public async Task<IReadOnlyDictionary<long, CollectionHit>> BestPerPhotoAsync(ReadOnlyMemory<float> query, IReadOnlyCollection<long> photoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photoIds);
        var best = new Dictionary<long, CollectionHit>(photoIds.Count);
        if (photoIds.Count == 0)
        {
            return best;
        }

        var owner = new Dictionary<long, long>();
        foreach (var (photo, items) in catalog.ItemsOfPhotos(kind, photoIds))
        {
            foreach (var item in items)
            {
                owner[item] = photo;
            }
        }

        // Scores come best first: the first hit of a photo is its best.
        foreach (var hit in await vectors.ScoreAsync(query, owner.Keys, cancellationToken).ConfigureAwait(false))
        {
            best.TryAdd(owner[hit.Id], new CollectionHit(hit.Id, owner[hit.Id], hit.Score));
        }

        return best;
    }

    /// <summary>A filter on photo ids as one on the collection's own ids.</summary>
    private IdFilter ItemFilter(IdFilter photos)
    {
        if (kind.OnePerPhoto)
        {
            return photos;
        }

        var excluded = catalog.ItemsOfPhotos(kind, [.. photos.Excluded]).Values.SelectMany(items => items);
        return photos.Allowed is { } allowed
            ? IdFilter.Allow(catalog.ItemsOfPhotos(kind, [.. allowed]).Values.SelectMany(items => items)).Excluding(excluded)
            : IdFilter.Exclude(excluded);
    }
}
