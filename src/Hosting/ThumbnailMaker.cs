using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Retrieval.Imaging;
using Retrieval.Video;

namespace Retrieval.Hosting;

/// <summary>
/// Serves thumbnails: from the cache when it holds them, else made — a few at a time (the rest wait their turn),
/// each decode within the memory budget, and once per version however many requests ask for it at the same moment
/// (they share the one being made). A thumbnail being made is finished even if its requests give up, so the work
/// is never wasted, and never more than the slots allow (<see cref="ImagingOptions.ThumbnailConcurrency"/>).
/// </summary>
public sealed class ThumbnailMaker(ThumbnailCache cache, [FromKeyedServices(BudgetedDecoder.Thumbnails)] BudgetedDecoder decoder, IOptions<ImagingOptions> imaging, VideoReader videos)
    : IDisposable
{
    private readonly ImagingOptions _imaging = imaging.Value;
    private readonly SemaphoreSlim _slots = new(imaging.Value.ThumbnailConcurrency);
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]?>>> _making = new(StringComparer.Ordinal);

    /// <summary>
    /// The thumbnail of photo <paramref name="id"/>, whose file <paramref name="open"/> opens (null when there is no such
    /// photo): see <see cref="PhotoFiles.ThumbnailAsync"/>. With <paramref name="crop"/>, the square around a face instead of the whole photo.
    /// </summary>
    public async Task<Thumbnail?> GetAsync(long id, int size, string? knownTag, Func<long, PhotoFile?> open, CancellationToken cancellationToken, ThumbnailCrop? crop = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        var bucket = ThumbnailCache.Snap(size);
        string tag;
        using (var file = open(id))
        {
            if (file is null)
            {
                return null;
            }

            tag = ThumbnailCache.Tag(id, bucket, file.Length, file.LastModifiedUtc, file.VideoAt) + crop?.Tag;
        }

        if (tag == knownTag)
        {
            return new Thumbnail(tag, null, null);
        }

        if (cache.Find(tag) is { } cached)
        {
            return new Thumbnail(tag, cached, null);
        }

        var making = _making.GetOrAdd(tag, key => new Lazy<Task<byte[]?>>(() => MakeAsync(id, bucket, key, open, crop)));
        try
        {
            return await making.Value.WaitAsync(cancellationToken).ConfigureAwait(false) is { } jpeg ? new Thumbnail(tag, null, jpeg) : null;
        }
        finally
        {
            _making.TryRemove(new KeyValuePair<string, Lazy<Task<byte[]?>>>(tag, making));
        }
    }

    public void Dispose() => _slots.Dispose();

    private async Task<byte[]?> MakeAsync(long id, int bucket, string tag, Func<long, PhotoFile?> open, ThumbnailCrop? crop)
    {
        await _slots.WaitAsync().ConfigureAwait(false);
        try
        {
            // Opened again: this work may outlive the request that started it, and so its handle.
            using var file = open(id);
            if (file is null)
            {
                return null;
            }

            // A video's frame comes from FFmpeg as a small bitmap, and is made into a thumbnail like any photo.
            using var encoded = file.VideoAt is null ? EncodedFile.Read(file.Handle, file.Path, _imaging.MaxFileBytes) : null;
            // A face's square needs more of the photo than a whole-photo thumbnail of the same size: read enough that it keeps its pixels.
            var frameSide = crop?.FrameSide(bucket, bucket) ?? bucket;
            var bytes = encoded?.Memory ?? await videos.FrameAsync(file.Path, file.Handle, file.VideoAt!.Value, frameSide, CancellationToken.None).ConfigureAwait(false);
            var jpeg = await decoder.DecodeAsync(bytes, file.Path, crop?.DecodeShortSide(bucket) ?? bucket, image =>
            {
                using var output = new MemoryStream();
                if (crop is null)
                {
                    ThumbnailEncoder.Write(image, bucket, output);
                }
                else
                {
                    ThumbnailEncoder.WriteSquare(image, crop.In(image.Width, image.Height), bucket, output);
                }

                return output.ToArray();
            }, CancellationToken.None).ConfigureAwait(false);
            cache.Store(tag, jpeg);
            return jpeg;
        }
        finally
        {
            _slots.Release();
        }
    }
}
