using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Errors;

namespace Retrieval.Ocr;

/// <summary>
/// The text in a photo (signs, screenshots, documents), read line by line from the one decode — made large enough for the
/// detector — on the reading threads; kept in the catalog with each line's box, searchable as the photo's text.
/// Photos indexed before, or while it was off, are read on the next run.
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
        new(reader.DetectorSide * 3 / 4);

    /// <inheritdoc />
    public IReadOnlyList<CollectionKind> Collections => [];

    /// <inheritdoc />
    public void Read(PhotoAnalysis photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        IReadOnlyList<TextLine> lines;
        try
        {
            lines = reader.Read(photo.Image!);
        }
        catch (InferenceException e)
        {
            throw new AnalysisException($"reading the text in it failed: {e.Message}", e);
        }

        photo.Record((catalog, id) => catalog.RecordText(id, lines));
        if (lines.Count > 0)
        {
            photo.Tally(Tally);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Task.FromResult(index.Catalog.PhotosWithTextUnread());
    }
}
