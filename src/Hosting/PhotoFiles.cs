using Retrieval.Catalog;
using Retrieval.Storage;

namespace Retrieval.Hosting;

/// <summary>
/// Indexed photos as files: what the index knows of one, its file (opened only inside its indexed root) and its
/// thumbnails. A failed entry (a broken file, a refused link, a folder that could not be listed) is not a photo here.
/// </summary>
public sealed class PhotoFiles(IndexAccess index, ThumbnailMaker thumbnails)
{
    /// <summary>
    /// What the index knows of photo <paramref name="id"/>, or null when it has no such photo (a failed entry is none, nor
    /// a companion file: it is listed among its photo's files).
    /// </summary>
    public PhotoDetails? Photo(long id)
    {
        using var lease = index.TryLease();
        return lease is null ? null : index.Reading(lease, () => lease.Index.Catalog is var catalog
            && catalog.Photos([id]).GetValueOrDefault(id) is { Status: not (PhotoStatus.Failed or PhotoStatus.Companion) } photo
            ? Details(catalog, photo)
            : null);
    }

    private static PhotoDetails Details(ICatalogReader catalog, PhotoSummary photo)
    {
        var companions = catalog.CompanionsOf(photo.Id);
        var motion = companions.FirstOrDefault(Video.VideoFormats.IsVideoName) is { } movie ? catalog.PhotoIdsUnder(movie) is [var first, ..] ? first : 0 : 0;
        return new PhotoDetails(photo, catalog.TagsOf([photo.Id]).GetValueOrDefault(photo.Id) ?? [], catalog.TextOf([photo.Id]).GetValueOrDefault(photo.Id) ?? [],
            [photo.Path, .. companions], motion > 0 ? motion : null);
    }

    /// <summary>The times, in seconds, of video <paramref name="id"/>'s indexed frames, in order; null when it is no indexed video.</summary>
    public IReadOnlyList<double>? FrameTimes(long id)
    {
        using var lease = index.TryLease();
        return lease is null ? null : index.Reading(lease, () => lease.Index.Catalog is var catalog
            && catalog.Photos([id]).GetValueOrDefault(id) is { Kind: PhotoKind.Video, Status: not (PhotoStatus.Failed or PhotoStatus.Companion) }
            ? catalog.PayloadsOf(Embedding.EmbeddingCollections.Frames, id)
                .Select(Video.VideoTime.FromPayload)
                .OfType<double>().Order().ToList()
            : null);
    }

    /// <summary>
    /// What the catalog holds of photo <paramref name="id"/>, without its tags (its path, for the file and its removal),
    /// when it is one: a failed entry is not shown.
    /// </summary>
    internal PhotoSummary? Summary(long id)
    {
        using var lease = index.TryLease();
        return lease is null ? null : index.Reading(lease, () => lease.Index.Catalog.Photos([id]).GetValueOrDefault(id)) is { Status: not PhotoStatus.Failed } photo ? photo : null;
    }

    /// <summary>
    /// The file of photo <paramref name="id"/>, open, when it exists and the file opened lies inside the photo's indexed
    /// root (checked on the open handle, so a link swapped in meanwhile is refused); else null. Read it from the handle.
    /// </summary>
    public PhotoFile? OpenPhotoFile(long id) => Open(id, null);

    private PhotoFile? Open(long id, double? at)
    {
        if (Summary(id) is not { } photo || ContainedFile.Open(photo.Path, photo.Root) is not { } handle)
        {
            return null;
        }

        try
        {
            return new PhotoFile(photo.Path, handle, RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle))
            {
                // A video's thumbnail is a frame: the one asked for (a search's matched moment), else the one standing for it.
                // A moment past the end is the last second's frame (a seek to the very end finds none).
                VideoAt = photo.Kind == PhotoKind.Video ? Math.Clamp(at ?? photo.PosterAt ?? 0, 0, Math.Max(0, (photo.Duration ?? double.MaxValue) - 1)) : null,
            };
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The thumbnail of photo <paramref name="id"/> at the bucket that serves <paramref name="size"/> pixels: the cached
    /// file, or one made now (a few at a time, each decode within the memory budget); null when there is no such photo.
    /// When the caller already holds the version <paramref name="knownTag"/> names, nothing is read or made.
    /// For a video, the frame shown at <paramref name="at"/> seconds (default: the frame that stands for it).
    /// </summary>
    /// <exception cref="Errors.UnsupportedImageException">The photo cannot be decoded.</exception>
    /// <exception cref="Errors.UnreadableVideoException">The video's frame cannot be read.</exception>
    public Task<Thumbnail?> ThumbnailAsync(long id, int size, string? knownTag = null, double? at = null, CancellationToken cancellationToken = default) =>
        thumbnails.GetAsync(id, size, knownTag, photo => Open(photo, at), cancellationToken);

    /// <summary>
    /// The thumbnail of <paramref name="face"/>, found in photo <paramref name="photoId"/>: the square around it (see
    /// <see cref="ThumbnailCrop"/>), <paramref name="size"/> pixels a side snapped up as photo thumbnails are, cached and
    /// made as they are; of a video's face, cut from its frame. Null when there is no such photo or its file is gone.
    /// </summary>
    /// <exception cref="Errors.UnsupportedImageException">The photo cannot be decoded.</exception>
    /// <exception cref="Errors.UnreadableVideoException">The video's frame cannot be read.</exception>
    public Task<Thumbnail?> FaceThumbnailAsync(long photoId, Faces.FaceItem face, int size, string? knownTag = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(face);
        return Summary(photoId) is { } photo
            ? thumbnails.GetAsync(photoId, size, knownTag, id => Open(id, face.At), cancellationToken, new ThumbnailCrop(face.Box, photo.Width, photo.Height))
            : Task.FromResult<Thumbnail?>(null);
    }
}
