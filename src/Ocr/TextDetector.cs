using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Ocr;

/// <summary>
/// PP-OCRv4's text detector: the photo (or one tile of a tall one) resized so its longer side is at most
/// <see cref="OcrOptions.DetectorSide"/>, both sides multiples of 32, planes blue-green-red normalised with ImageNet's
/// mean and std (PaddleOCR's <c>DetResizeForTest</c> and <c>NormalizeImage</c>); the probability map it gives, turned
/// into rotated rectangles in the photo's full-size pixels.
/// </summary>
internal sealed class TextDetector(OnnxGraph graph, OcrOptions options) : IDisposable
{
    private static readonly string[] Input = ["x"];
    private readonly string[] _output = [graph.Session.OutputMetadata.Keys.First()];

    public static TextDetector Open(OcrModels models, ModelOptions model, OcrOptions options, ILogger logger) => new(OnnxGraph.Open(models.Detector, model, logger), options);

    /// <summary>The text rectangles of the part of <paramref name="image"/> from full-size row <paramref name="top"/>, <paramref name="rows"/> rows tall.</summary>
    public List<(double X, double Y)[]> Detect(RgbaImage image, int top, int rows, CancellationToken cancellationToken)
    {
        var (fullWidth, fullHeight) = (image.FullWidth, rows);
        var scale = Math.Min(1.0, (double)options.DetectorSide / Math.Max(fullWidth, fullHeight));
        var width = Math.Max(32, (int)Math.Round(fullWidth * scale / 32) * 32);
        var height = Math.Max(32, (int)Math.Round(fullHeight * scale / 32) * 32);
        var preprocess = new ImagePreprocessor(new PreprocessOptions
        {
            ShortestEdge = Math.Max(width, height),
            CropWidth = width,
            CropHeight = height,
            Resize = ResizeMode.Squash,
            Filter = ResampleFilter.Bilinear,
            Mean = [0.406f, 0.456f, 0.485f],
            Std = [0.225f, 0.224f, 0.229f],
            Bgr = true,
        });
        var pixels = new float[3 * width * height];
        preprocess.PreprocessRows(image, top, rows, pixels);
        var map = new float[width * height];
        using (var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, pixels.AsMemory(), [1, 3, height, width]))
        using (var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, map.AsMemory(), [1, 1, height, width]))
        {
            graph.Run(Input, [input], _output, [output], cancellationToken);
        }

        var (sx, sy) = ((double)fullWidth / width, (double)fullHeight / height);
        return [.. TextRegions.Find(map, width, height, options).Select(r => r.Corners().Select(c => (c.X * sx, top + (c.Y * sy))).ToArray())];
    }

    public void Dispose() => graph.Dispose();
}
