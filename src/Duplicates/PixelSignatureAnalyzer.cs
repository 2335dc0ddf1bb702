using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.Duplicates;

/// <summary>
/// A photo's pixel signature (<see cref="PixelSignature"/>), from the one decode on the reading threads, into the pixels
/// collection; after each commit, the new photos that repeat one indexed before are counted (tally
/// <see cref="NearDuplicatesTally"/>) with the store's search, not a full pass. Photos indexed before signatures existed
/// are decoded again once, so near-duplicates are found among every photo. A video's signature is the sequence of its
/// frames' (collection <see cref="PixelSignature.FramesCollection"/>): one frame alike, a title card two clips open with,
/// does not make them copies (<see cref="VideoDuplicatePairs"/>).
/// </summary>
public sealed class PixelSignatureAnalyzer(NearDuplicateOptions options) : IPhotoAnalyzer
{
    /// <summary>The tally of photos found, as they were indexed, to repeat an earlier-indexed photo (edited copies of one shot).</summary>
    public const string NearDuplicatesTally = "nearDuplicates";

    /// <inheritdoc />
    public string Name => "pixel signature";

    /// <inheritdoc />
    public AnalyzerStage Stage => AnalyzerStage.Read;

    /// <inheritdoc />
    public AnalyzerNeeds Needs => new(1, FrameSide: 1);

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [PixelSignature.Collection, PixelSignature.FramesCollection];

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (photo.Video is null)
        {
            photo.SetVector(PixelSignature.Collection, PixelSignature.Of(photo.Image!));
        }
        else
        {
            photo.SetItems(PixelSignature.FramesCollection, photo.Get<FrameSignatures>()?.Frames ?? []);
        }
    }

    /// <inheritdoc />
    public void ReadFrame(PhotoAnalysis video, Video.VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(frame);
        if (video.Get<FrameSignatures>() is not { } signatures)
        {
            signatures = new FrameSignatures();
            video.Pass(signatures);
        }

        signatures.Frames.Add(new ItemVector(PixelSignature.Of(frame.Image), VideoDuplicatePairs.Payload(frame.Time, Video.FrameContent.IsFlat(frame.Image))));
    }

    /// <inheritdoc />
    public async Task AfterCommitAsync(PhotoIndex index, IReadOnlyList<PhotoAnalysis> committed, IndexRunCounts counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(counts);
        var signatures = committed.Where(p => p.Failure is null && p.VectorOf(PixelSignature.CollectionName) is not null)
            .Select(p => (p.Id, p.VectorOf(PixelSignature.CollectionName)!)).ToList();
        var videos = committed.Where(p => p.Failure is null && p.Metadata?.Kind == PhotoKind.Video).Select(p => p.Id).ToList();
        var pairs = new List<(long First, long Second, float Similarity)>();
        if (signatures.Count > 0 && index.Collection(PixelSignature.CollectionName) is { } pixels)
        {
            pairs.AddRange(await new NearDuplicatePairs(pixels.Vectors, options).FindAsync(signatures, cancellationToken).ConfigureAwait(false));
        }

        if (videos.Count > 0 && index.Collection(PixelSignature.FramesCollectionName) is { } frames)
        {
            pairs.AddRange(await new VideoDuplicatePairs(frames, index.Catalog, options).FindAsync(videos, cancellationToken).ConfigureAwait(false));
        }

        // A photo repeats the earlier-indexed one (the smaller id) of its pair; a shot's first photo is not counted.
        var chunk = signatures.Select(s => s.Id).Concat(videos).ToHashSet();
        counts.Tally(NearDuplicatesTally, pairs.Select(p => p.Second).Where(chunk.Contains).Distinct().Count());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var photos = await CatchUp.WithoutVectorAsync(index, PixelSignature.CollectionName, cancellationToken, new PhotoFilter { Kind = PhotoKind.Photo }).ConfigureAwait(false);
        return [.. photos, .. index.Catalog.VideosWithoutItems(PixelSignature.FramesCollectionName)];
    }
}
