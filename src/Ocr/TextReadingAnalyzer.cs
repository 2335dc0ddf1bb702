using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Video;

namespace Retrieval.Ocr;

/// <summary>
/// The text in a photo (signs, screenshots, documents), read line by line from the one decode — made large enough for the
/// detector — on the reading threads; kept in the catalog with each line's box, searchable as the photo's text.
/// Photos indexed before, or while it was off, are read on the next run. A video's text is read on a few of its frames,
/// spread over it (<see cref="OcrOptions.MaxVideoFrames"/>), each line once.
/// </summary>
public sealed class TextReadingAnalyzer(PhotoTextReader reader) : IPhotoAnalyzer
{
    /// <summary>The tally of photos in which text was found.</summary>
    public const string Tally = "withText";

    /// <inheritdoc />
    public string Name => "text in photos";

    /// <inheritdoc />
    public AnalyzerStage Stage => AnalyzerStage.Read;

    /// <inheritdoc />
    public AnalyzerNeeds Needs =>
        // Enough that a 4:3 photo's long side reaches the detector's size.
        new(reader.DetectorSide * 3 / 4, FrameSide: reader.MaxVideoFrames > 0 ? reader.DetectorSide * 3 / 4 : 0);

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [];

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        // A video's frames were read as they came: its stand-in frame is one of them.
        IReadOnlyList<TextLine> lines = photo.Video is null ? ReadText(photo.Image!) : [.. photo.FindingsInFrames<TextLine>(reader.MaxVideoFrames).Items.DistinctBy(line => line.Text, StringComparer.Ordinal)];
        photo.Record((catalog, id) => catalog.RecordText(id, lines));
        if (lines.Count > 0)
        {
            photo.Tally(Tally);
        }
    }

    /// <inheritdoc />
    public void ReadFrame(PhotoAnalysis video, VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(frame);
        var text = video.FindingsInFrames<TextLine>(reader.MaxVideoFrames);
        if (text.Take(frame))
        {
            text.Items.AddRange(ReadText(frame.Image));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Task.FromResult(index.Catalog.PhotosWithTextUnread());
    }

    private IReadOnlyList<TextLine> ReadText(Imaging.RgbaImage image)
    {
        try
        {
            return reader.Read(image);
        }
        catch (InferenceException e)
        {
            throw new AnalysisException($"reading the text in it failed: {e.Message}", e);
        }
    }
}
