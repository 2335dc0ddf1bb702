using Microsoft.Extensions.Options;
using Retrieval.Backends;
using Retrieval.Duplicates;
using Retrieval.Catalog;
using Retrieval.Embedding;
using Retrieval.Errors;
using Retrieval.Places;
using Retrieval.Video;

namespace Retrieval.Hosting;

/// <summary>
/// What the index holds, read without changing it: its counts and failures, the photos that repeat others, where they were taken, and
/// whether it was built with this engine's model (so a shell can say why nothing will be found).
/// </summary>
public sealed class LibraryStatus(IndexAccess index, EngineModels models, IOptions<NearDuplicateOptions> duplicates, VideoReader videos)
{
    private readonly NearDuplicateOptions _duplicates = duplicates.Value;

    /// <summary>The similarity from which two photos are copies of one shot, when a caller gives none.</summary>
    public float DefaultMinSimilarity => _duplicates.MinSimilarity;

    /// <summary>What the index holds; with <paramref name="failures"/>, every failed file (<see cref="DuplicatesAsync"/> lists the duplicates).</summary>
    /// <exception cref="IndexNotFoundException">Nothing has been indexed yet.</exception>
    public IndexStatus Status(bool failures = false) => TryStatus(failures) ?? throw new IndexNotFoundException(index.Root);

    /// <summary>What the index holds (see <see cref="Status"/>), or null while nothing has been indexed.</summary>
    public IndexStatus? TryStatus(bool failures = false)
    {
        using var lease = index.TryLease();
        if (lease is null)
        {
            return null;
        }

        return index.Reading(lease, () =>
        {
            var catalog = lease.Index.Catalog;
            return new IndexStatus(index.Root, EmbeddingCollections.IndexedModel(lease.Index), catalog.Counts(), catalog.LastRun(),
                failures ? catalog.Failures() : null)
            {
                Formats = catalog.FormatCounts(), Ffmpeg = videos.Tools.Ffmpeg, VideosWaitingForFfmpeg = catalog.FailedWith(VideoTools.InstallHint),
            };
        });
    }

    /// <summary>
    /// Every photo that repeats another, by path: the exact duplicates and, with <paramref name="near"/>, the edited copies
    /// (a full pass over the pixel signatures) from <paramref name="minSimilarity"/> (default
    /// <see cref="NearDuplicateOptions.MinSimilarity"/>) up.
    /// </summary>
    /// <exception cref="InvalidInputException"><paramref name="minSimilarity"/> is outside -1 to 1, or NaN.</exception>
    /// <exception cref="IndexNotFoundException">Nothing has been indexed yet.</exception>
    public async Task<IReadOnlyList<DuplicatePhoto>> DuplicatesAsync(bool near, float? minSimilarity = null, CancellationToken cancellationToken = default)
    {
        var options = minSimilarity is { } threshold ? _duplicates with { MinSimilarity = NearDuplicateOptions.CheckMinSimilarity(threshold) } : _duplicates;
        using var lease = index.TryLease() ?? throw new IndexNotFoundException(index.Root);
        return await index.ReadingAsync(lease, () => LibraryDuplicates.FindAsync(lease.Index, options, near, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Where the photos <paramref name="filter"/> allows (default all) were taken: countries, regions, cities, with counts
    /// and covers; none while nothing has been indexed.
    /// </summary>
    public LibraryPlaces Places(PhotoFilter? filter = null)
    {
        using var lease = index.TryLease();
        return lease is null ? new LibraryPlaces([], 0) : index.Reading(lease, () => LibraryPlaces.Of(lease.Index.Catalog, filter ?? PhotoFilter.None));
    }

    /// <summary>Refuses to serve the index if it was built with another model (nothing indexed yet passes).</summary>
    /// <exception cref="ModelMismatchException">It was.</exception>
    public void CheckModel()
    {
        using var lease = index.TryLease();
        if (lease is not null)
        {
            IndexModelCheck.ForReading(lease.Index.Root, index.Reading(lease, () => EmbeddingCollections.IndexedModel(lease.Index)), models.ModelId);
        }
    }
}
