using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;

namespace Retrieval.Duplicates;

/// <summary>
/// A photo's pixel signature (<see cref="PixelSignature"/>), from the one decode on the reading threads, into the pixels
/// collection; after each commit, the new photos that repeat one indexed before are counted (tally
/// <see cref="NearDuplicatesTally"/>) with the store's search, not a full pass. Photos indexed before signatures existed
/// are decoded again once, so near-duplicates are found among every photo.
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
    public AnalyzerNeeds Needs => AnalyzerNeeds.AnyPixels;

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [PixelSignature.Collection];

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        photo.SetVector(PixelSignature.Collection, PixelSignature.Of(photo.Image!));
    }

    /// <inheritdoc />
    public async Task AfterCommitAsync(PhotoIndex index, IReadOnlyList<PhotoAnalysis> committed, IndexRunCounts counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(counts);
        var signatures = committed.Where(p => p.Failure is null && p.VectorOf(PixelSignature.CollectionName) is not null)
            .Select(p => (p.Id, p.VectorOf(PixelSignature.CollectionName)!)).ToList();
        if (index.Collection(PixelSignature.CollectionName) is not { } pixels || signatures.Count == 0)
        {
            return;
        }

        var pairs = await new NearDuplicatePairs(pixels.Vectors, options).FindAsync(signatures, cancellationToken).ConfigureAwait(false);
        // A photo repeats the earlier-indexed one (the smaller id) of its pair; a shot's first photo is not counted.
        var chunk = signatures.Select(s => s.Id).ToHashSet();
        counts.Tally(NearDuplicatesTally, pairs.Select(p => p.Second).Where(chunk.Contains).Distinct().Count());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken) =>
        CatchUp.WithoutVectorAsync(index, PixelSignature.CollectionName, cancellationToken);
}
