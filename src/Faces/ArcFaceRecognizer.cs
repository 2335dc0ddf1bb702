using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// An ArcFace recognizer (insightface's <c>ArcFaceONNX</c>, as immich runs it): each face aligned by its five key points
/// (<see cref="AlignedFaceTensor"/>), a photo's faces a batch at a time, the embedding as the net gives it (not normalised;
/// same person: cosine distance below 0.5, <see cref="FaceMetric.ArcFace"/>). Thread-safe: the graph is shared, each run
/// rents its own input.
/// </summary>
internal sealed class ArcFaceRecognizer : IDisposable
{
    // Faces per run: 16 aligned faces are 2.4 MB of input; a graph fixed at a batch of one is run face by face.
    private const int MaxBatch = 16;
    private const int Tensor = 3 * AlignedFaceTensor.Side * AlignedFaceTensor.Side;
    private readonly OnnxGraph _graph;
    private readonly string[] _input;
    private readonly string[] _output;
    private readonly int _batch;

    private ArcFaceRecognizer(OnnxGraph graph, string input, string output, int dimension, int batch)
    {
        _graph = graph;
        _input = [input];
        _output = [output];
        Dimension = dimension;
        _batch = batch;
    }

    /// <summary>How many numbers describe a face.</summary>
    public int Dimension { get; }

    /// <summary>Loads the graph at <paramref name="path"/>, checking it takes [N, 3, 112, 112] and gives [N, D].</summary>
    /// <exception cref="ModelLoadException">It does not load, or takes or gives something else.</exception>
    public static ArcFaceRecognizer Open(string path, ModelOptions model, ILogger logger)
    {
        var graph = OnnxGraph.Open(path, model, logger);
        try
        {
            var session = graph.Session;
            const int Side = AlignedFaceTensor.Side;
            if (session.InputNames is not [var input] || session.InputMetadata[input].Dimensions is not [var n, 3, Side, Side] || n > 1)
            {
                throw new ModelLoadException(path, $"an ArcFace recognizer takes one input [N, 3, {Side}, {Side}]");
            }

            if (session.OutputNames is not [var output, ..] || session.OutputMetadata[output].Dimensions is not [_, > 0 and var dimension])
            {
                throw new ModelLoadException(path, "an ArcFace recognizer's first output is its embedding, [N, D]");
            }

            return new ArcFaceRecognizer(graph, input, output, dimension, n == 1 ? 1 : MaxBatch);
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    /// <summary>The embedding of each face of <paramref name="image"/> with key points <paramref name="faces"/> (in its pixels), in order.</summary>
    /// <exception cref="InferenceException">ONNX Runtime failed.</exception>
    public float[][] Describe(RgbaImage image, IReadOnlyList<FacePoint[]> faces, CancellationToken cancellationToken)
    {
        var output = new float[faces.Count * Dimension];
        var input = ArrayPool<float>.Shared.Rent(Math.Min(_batch, faces.Count) * Tensor);
        try
        {
            for (var start = 0; start < faces.Count; start += _batch)
            {
                var count = Math.Min(_batch, faces.Count - start);
                for (var i = 0; i < count; i++)
                {
                    AlignedFaceTensor.Write(image, faces[start + i], input.AsSpan(i * Tensor, Tensor));
                }

                using var batch = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, count * Tensor), [count, 3, AlignedFaceTensor.Side, AlignedFaceTensor.Side]);
                using var embeddings = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output.AsMemory(start * Dimension, count * Dimension), [count, Dimension]);
                _graph.Run(_input, [batch], _output, [embeddings], cancellationToken);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }

        return [.. Enumerable.Range(0, faces.Count).Select(i => output.AsSpan(i * Dimension, Dimension).ToArray())];
    }

    public void Dispose() => _graph.Dispose();
}
