using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Retrieval.Models;

namespace Retrieval.Ocr;

/// <summary>
/// PaddleOCR's line direction classifier: each crop squeezed into 48 × 192 (padded), and turned half a turn when the
/// classifier is at least 90 % sure it is upside down (PaddleOCR's <c>cls_thresh</c>).
/// </summary>
internal sealed class LineClassifier(OnnxGraph graph) : IDisposable
{
    private const int Width = 192;
    private const float Threshold = 0.9f;
    private static readonly string[] Input = ["x"];
    private readonly string[] _output = [graph.Session.OutputMetadata.Keys.First()];

    public static LineClassifier Open(OcrModels models, ModelOptions model, ILogger logger) => new(OnnxGraph.Open(models.Classifier, model, logger));

    /// <summary>The crops, those upside down turned upright.</summary>
    public List<LineCrop> Upright(IReadOnlyList<LineCrop> crops, CancellationToken cancellationToken)
    {
        if (crops.Count == 0)
        {
            return [];
        }

        var input = new float[crops.Count * 3 * LineCrop.Height * Width];
        for (var i = 0; i < crops.Count; i++)
        {
            crops[i].WriteNormalized(input.AsSpan(i * 3 * LineCrop.Height * Width, 3 * LineCrop.Height * Width), Width);
        }

        var output = new float[crops.Count * 2];
        using (var x = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(), [crops.Count, 3, LineCrop.Height, Width]))
        using (var y = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output.AsMemory(), [crops.Count, 2]))
        {
            graph.Run(Input, [x], _output, [y], cancellationToken);
        }

        return [.. crops.Select((crop, i) => output[(i * 2) + 1] >= Threshold ? crop.Turned() : crop)];
    }

    public void Dispose() => graph.Dispose();
}
