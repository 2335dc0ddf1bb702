using Retrieval.Backends;

namespace Retrieval.Indexing;

/// <summary>Forgets photos: their catalog rows, vectors and keyword documents. The files are not touched.</summary>
internal static class PhotoRemoval
{
    /// <summary>
    /// Removes the photos at or under <paramref name="paths"/> (files or folders) from <paramref name="index"/>,
    /// opened for writing; returns their ids. A later index run of a root that still holds them finds them again.
    /// </summary>
    public static async Task<IReadOnlyList<long>> RemoveAsync(PhotoIndex index, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var ids = paths.SelectMany(p => index.Catalog.PhotoIdsUnder(Path.TrimEndingDirectorySeparator(Path.GetFullPath(p)))).Distinct().ToList();
        index.Catalog.InTransaction(() => index.Catalog.RemovePhotos(ids));
        await ChunkCommit.ApplyRemovalsAsync(index, cancellationToken).ConfigureAwait(false);
        return ids;
    }
}
