using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Retrieval.Catalog;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Ocr;

/// <summary>
/// Reads the text in a photo with PaddleOCR's PP-OCRv4 pipeline: detection (a screenshot taller than twice its width
/// cut into overlapping tiles, so its text is never squashed), each line cut out upright, turned when upside down,
/// recognised, and the lines returned in reading order (top to bottom, left to right within a row) with their boxes
/// in the photo's pixels and their confidence. Thread-safe: the graphs are shared.
/// </summary>
public sealed class PhotoTextReader : IDisposable
{
    // Lines past this are not read: a photo is searched by its text, not transcribed.
    private const int MaxLines = 300;
    private const int MinSide = 8;

    private readonly OcrOptions _options;
    private readonly TextDetector _detector;
    private readonly LineClassifier _classifier;
    private readonly TextRecognizer _recognizer;

    private PhotoTextReader(OcrOptions options, TextDetector detector, LineClassifier classifier, TextRecognizer recognizer)
    {
        _options = options;
        _detector = detector;
        _classifier = classifier;
        _recognizer = recognizer;
    }

    /// <summary>Loads <paramref name="models"/> on the device and threads <paramref name="model"/> gives.</summary>
    /// <exception cref="Errors.ModelLoadException">A model file is missing or does not load.</exception>
    public static PhotoTextReader Open(OcrModels models, ModelOptions model, OcrOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var detector = TextDetector.Open(models, model, options, logger);
        LineClassifier? classifier = null;
        try
        {
            classifier = LineClassifier.Open(models, model, logger);
            return new PhotoTextReader(options, detector, classifier, TextRecognizer.Open(models, model, options, logger));
        }
        catch
        {
            detector.Dispose();
            classifier?.Dispose();
            throw;
        }
    }

    /// <summary>The longest side the detector sees (<see cref="OcrOptions.DetectorSide"/>).</summary>
    public int DetectorSide => _options.DetectorSide;

    /// <summary>The most frames of one video read for text (<see cref="OcrOptions.MaxVideoFrames"/>).</summary>
    public int MaxVideoFrames => _options.MaxVideoFrames;

    /// <summary>The lines of text in <paramref name="image"/>, in reading order; none when it holds none.</summary>
    public IReadOnlyList<TextLine> Read(RgbaImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (Math.Min(image.FullWidth, image.FullHeight) < MinSide)
        {
            return [];
        }

        var boxes = ReadingOrder(Detect(image, cancellationToken)).Take(MaxLines).ToList();
        if (boxes.Count == 0)
        {
            return [];
        }

        var crops = _classifier.Upright([.. boxes.Select(b => LineCrop.Cut(image, b))], cancellationToken);
        var read = _recognizer.Read(crops, cancellationToken);
        var lines = new List<TextLine>(boxes.Count);
        for (var i = 0; i < boxes.Count; i++)
        {
            var (text, confidence) = read[i];
            text = text.Trim();
            if (text.Length > 0 && confidence >= _options.MinConfidence)
            {
                var b = boxes[i];
                lines.Add(new TextLine(text, new TextBox((float)b[0].X, (float)b[0].Y, (float)b[1].X, (float)b[1].Y, (float)b[2].X, (float)b[2].Y, (float)b[3].X, (float)b[3].Y), confidence));
            }
        }

        return lines;
    }

    public void Dispose()
    {
        _detector.Dispose();
        _classifier.Dispose();
        _recognizer.Dispose();
    }

    /// <summary>The boxes, a tall image tile by tile (a quarter overlapping; a box belongs to the tile its centre is in the middle of).</summary>
    private List<(double X, double Y)[]> Detect(RgbaImage image, CancellationToken cancellationToken)
    {
        var (width, height) = (image.FullWidth, image.FullHeight);
        var tile = height > 2 * width ? 2 * width : height;
        if (tile == height)
        {
            return _detector.Detect(image, 0, height, cancellationToken);
        }

        var overlap = tile / 4;
        var boxes = new List<(double X, double Y)[]>();
        double from = 0;
        for (var top = 0; ; top += tile - overlap)
        {
            // The last tile ends at the bottom (and may overlap its neighbour more); each box is kept by one tile only.
            top = Math.Min(top, height - tile);
            var last = top + tile >= height;
            var to = last ? height : top + tile - (overlap / 2.0);
            boxes.AddRange(_detector.Detect(image, top, tile, cancellationToken).Where(b => b.Average(p => p.Y) is var y && y >= from && y < to));
            if (last)
            {
                return boxes;
            }

            from = to;
        }
    }

    // PaddleOCR's sorted_boxes: by the top-left corner, top to bottom; boxes whose tops are within 10 pixels are one row, left to right.
    private static List<(double X, double Y)[]> ReadingOrder(List<(double X, double Y)[]> boxes)
    {
        var sorted = boxes.OrderBy(b => b[0].Y).ThenBy(b => b[0].X).ToList();
        for (var i = 0; i < sorted.Count - 1; i++)
        {
            for (var j = i; j >= 0 && Math.Abs(sorted[j + 1][0].Y - sorted[j][0].Y) < 10 && sorted[j + 1][0].X < sorted[j][0].X; j--)
            {
                (sorted[j], sorted[j + 1]) = (sorted[j + 1], sorted[j]);
            }
        }

        return sorted;
    }
}
