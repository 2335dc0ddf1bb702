using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Retrieval.Errors;
using Retrieval.Models;

namespace Retrieval.Ocr;

/// <summary>
/// PP-OCRv4's recogniser: line crops 48 pixels tall, batched by width (each batch padded to its widest, as PaddleOCR's
/// <c>resize_norm_img</c> pads), and CTC's greedy decoding of its per-step character probabilities — the best class
/// at each step, repeats merged, blanks dropped, the confidence the mean probability of the characters kept.
/// </summary>
internal sealed class TextRecognizer : IDisposable
{
    private static readonly string[] Input = ["x"];
    private readonly OnnxGraph _graph;
    private readonly string[] _output;
    private readonly string[] _characters;
    private readonly int _batch;

    private TextRecognizer(OnnxGraph graph, string[] characters, int batch)
    {
        _graph = graph;
        _output = [graph.Session.OutputMetadata.Keys.First()];
        _characters = characters;
        _batch = batch;
    }

    public static TextRecognizer Open(OcrModels models, ModelOptions model, OcrOptions options, ILogger logger)
    {
        string[] characters;
        try
        {
            // Class 0 is CTC's blank; then the dictionary's characters; the last class is a space.
            characters = ["", .. File.ReadAllLines(models.Dictionary), " "];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(models.Dictionary, e.Message, e);
        }

        var graph = OnnxGraph.Open(models.Recognizer, model, logger);
        if (graph.Session.OutputMetadata.Values.First().Dimensions is { Length: 3 } dims && dims[2] > 0 && dims[2] != characters.Length)
        {
            graph.Dispose();
            throw new ModelLoadException(models.Recognizer, $"it scores {dims[2]} classes but {Path.GetFileName(models.Dictionary)} gives {characters.Length} (with blank and space)");
        }

        return new TextRecognizer(graph, characters, options.RecognitionBatch);
    }

    /// <summary>The text and confidence of each crop, in order.</summary>
    public (string Text, float Confidence)[] Read(IReadOnlyList<LineCrop> crops, CancellationToken cancellationToken)
    {
        var results = new (string, float)[crops.Count];
        var order = Enumerable.Range(0, crops.Count).OrderBy(i => crops[i].Width).ToArray();
        for (var start = 0; start < order.Length; start += _batch)
        {
            var batch = order.Skip(start).Take(_batch).ToArray();
            // At least PaddleOCR's 320 wide, a multiple of 8 (one output step per 8 pixels).
            var width = Math.Max(320, (batch.Max(i => crops[i].Width) + 7) / 8 * 8);
            var input = new float[batch.Length * 3 * LineCrop.Height * width];
            for (var b = 0; b < batch.Length; b++)
            {
                crops[batch[b]].WriteNormalized(input.AsSpan(b * 3 * LineCrop.Height * width, 3 * LineCrop.Height * width), width);
            }

            var steps = width / 8;
            var output = new float[batch.Length * steps * _characters.Length];
            using (var x = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(), [batch.Length, 3, LineCrop.Height, width]))
            using (var y = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output.AsMemory(), [batch.Length, steps, _characters.Length]))
            {
                _graph.Run(Input, [x], _output, [y], cancellationToken);
            }

            for (var b = 0; b < batch.Length; b++)
            {
                results[batch[b]] = Decode(output.AsSpan(b * steps * _characters.Length, steps * _characters.Length), steps);
            }
        }

        return results;
    }

    public void Dispose() => _graph.Dispose();

    private (string Text, float Confidence) Decode(ReadOnlySpan<float> probabilities, int steps)
    {
        var text = new System.Text.StringBuilder();
        double sum = 0;
        var count = 0;
        var previous = -1;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * _characters.Length, _characters.Length);
            var best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row);
            if (best != 0 && best != previous)
            {
                text.Append(_characters[best]);
                sum += row[best];
                count++;
            }

            previous = best;
        }

        return (text.ToString(), count == 0 ? 0 : (float)(sum / count));
    }
}
