using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Video;

namespace Retrieval.Faces;

/// <summary>
/// The faces in each photo, found on the reading threads from the one decode: each face an item of collection
/// <see cref="Collection"/> (its descriptor the vector, <see cref="FaceItem"/> the payload), made by the face models'
/// own fingerprint. A video's faces are those of a few of its frames spread over it (<see cref="FaceOptions.MaxVideoFrames"/>),
/// each with its time. Photos indexed before, or while it was off, are looked at on the next run, once: a photo without
/// faces is recorded as looked at.
/// </summary>
public sealed class FaceAnalyzer(IFaceReader reader) : IPhotoAnalyzer
{
    /// <summary>The collection of faces (many per photo).</summary>
    public const string Collection = "faces";

    /// <summary>The tally of faces found.</summary>
    public const string Tally = "faces";

    private readonly CollectionKind _collection = new(Collection, reader.Dimension, reader.ModelId, onePerPhoto: false);

    /// <inheritdoc />
    public string Name => "faces";

    /// <inheritdoc />
    public AnalyzerStage Stage => AnalyzerStage.Read;

    /// <inheritdoc />
    public AnalyzerNeeds Needs =>
        // The detector sees the whole photo at its side (512, SCRFD's 640) on its longer side; a decode at least that on the
        // shorter side (a JPEG's reduced decode keeps twice that) leaves the landmarks and descriptor a face's own pixels
        // rather than an upscale.
        new(reader.DetectorSide, FrameSide: reader.MaxVideoFrames > 0 ? reader.DetectorSide : 0);

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [_collection];

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        // A video's frames were looked at as they came: its stand-in frame is one of them.
        var faces = photo.Video is null ? Find(photo.Image!, at: null, 1, 1) : photo.FindingsInFrames<ItemVector>(reader.MaxVideoFrames).Items;
        photo.SetItems(_collection, faces);
        if (faces.Count > 0)
        {
            photo.Tally(Tally, faces.Count);
        }
    }

    /// <inheritdoc />
    public void ReadFrame(PhotoAnalysis video, VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(frame);
        var faces = video.FindingsInFrames<ItemVector>(reader.MaxVideoFrames);
        if (faces.Take(frame))
        {
            // Frames come at the size the analyzers asked for; the faces are kept in the video's own upright pixels.
            faces.Items.AddRange(Find(frame.Image, frame.Time, (double)frame.Video.UprightWidth / frame.Image.Width, (double)frame.Video.UprightHeight / frame.Image.Height));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Task.FromResult(index.Catalog.PhotosNotAnalysedFor(Collection));
    }

    private List<ItemVector> Find(RgbaImage image, double? at, double scaleX, double scaleY)
    {
        try
        {
            return [.. reader.Read(image).Select(face => new ItemVector(face.Descriptor, FaceItem.Of(face.ScaledBy(scaleX, scaleY), at).ToPayload()))];
        }
        catch (InferenceException e)
        {
            throw new AnalysisException($"finding the faces in it failed: {e.Message}", e);
        }
    }
}
