using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// One of the face nets: an ONNX graph taking <c>input</c>, [N, size, size, 3] float32 RGB 0..255, run on regions of an
/// image cut out by <see cref="RegionTensor"/>, a batch at a time, its outputs written straight into the caller's arrays.
/// Thread-safe: the graph is shared, each run rents its own input.
/// </summary>
internal sealed class FaceNet : IDisposable
{
    // Regions per run: the 150-pixel descriptor input of 16 faces is 4 MB; more gains nothing on the CPU.
    private const int MaxBatch = 16;
    private static readonly string[] Input = ["input"];
    private readonly OnnxGraph _graph;
    private readonly string[] _outputs;
    private readonly long[][] _outputShapes;
    private readonly int[] _outputLengths;

    private FaceNet(OnnxGraph graph, int size, string[] outputs, long[][] outputShapes)
    {
        _graph = graph;
        Size = size;
        _outputs = outputs;
        _outputShapes = outputShapes;
        _outputLengths = [.. outputShapes.Select(shape => (int)shape.Skip(1).Aggregate(1L, (product, d) => product * d))];
    }

    /// <summary>The side of the square it takes.</summary>
    public int Size { get; }

    /// <summary>Loads the graph at <paramref name="path"/>, checking it takes a <paramref name="size"/> square and gives <paramref name="outputs"/>.</summary>
    /// <exception cref="ModelLoadException">It does not load, or takes or gives something else.</exception>
    public static FaceNet Open(string path, int size, string[] outputs, ModelOptions model, ILogger logger)
    {
        var graph = OnnxGraph.Open(path, model, logger);
        try
        {
            var session = graph.Session;
            if (!session.InputMetadata.TryGetValue(Input[0], out var input) || input.Dimensions is not [_, var h, var w, 3] || h != size || w != size)
            {
                throw new ModelLoadException(path, $"it must take '{Input[0]}' as [batch, {size}, {size}, 3]");
            }

            var shapes = outputs.Select(name => session.OutputMetadata.TryGetValue(name, out var output) && output.Dimensions.Length > 1 && output.Dimensions.Skip(1).All(d => d > 0)
                ? output.Dimensions.Select(d => (long)d).ToArray()
                : throw new ModelLoadException(path, $"it has no output '{name}' of a fixed size (outputs: {string.Join(", ", session.OutputMetadata.Keys)})")).ToArray();
            return new FaceNet(graph, size, outputs, shapes);
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    /// <summary>How many values output <paramref name="index"/> gives per region.</summary>
    public int OutputLength(int index) => _outputLengths[index];

    /// <summary>
    /// Runs the net on each of <paramref name="regions"/> of <paramref name="image"/> (padded to a square: centred, or at the
    /// right and bottom), writing region i's output k at <c>i × OutputLength(k)</c> of <paramref name="outputs"/>[k].
    /// </summary>
    /// <exception cref="InferenceException">ONNX Runtime failed.</exception>
    public void Run(RgbaImage image, IReadOnlyList<PixelRect> regions, bool centred, IReadOnlyList<float[]> outputs, CancellationToken cancellationToken)
    {
        var tensor = Size * Size * 3;
        var input = ArrayPool<float>.Shared.Rent(Math.Min(MaxBatch, regions.Count) * tensor);
        try
        {
            for (var start = 0; start < regions.Count; start += MaxBatch)
            {
                var count = Math.Min(MaxBatch, regions.Count - start);
                for (var i = 0; i < count; i++)
                {
                    RegionTensor.Write(image, regions[start + i], Size, centred, input.AsSpan(i * tensor, tensor));
                }

                using var batch = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, count * tensor), [count, Size, Size, 3]);
                var written = new OrtValue[_outputs.Length];
                try
                {
                    for (var k = 0; k < written.Length; k++)
                    {
                        var length = _outputLengths[k];
                        long[] shape = [count, .. _outputShapes[k].AsSpan(1)];
                        written[k] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, outputs[k].AsMemory(start * length, count * length), shape);
                    }

                    _graph.Run(Input, [batch], _outputs, written, cancellationToken);
                }
                finally
                {
                    foreach (var value in written)
                    {
                        value?.Dispose();
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    public void Dispose() => _graph.Dispose();
}
