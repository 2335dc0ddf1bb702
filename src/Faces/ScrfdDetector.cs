using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// insightface's SCRFD face detector with key points (<c>RetinaFace.detect</c>, as immich runs it): the photo letterboxed
/// into 640 × 640 (<see cref="LetterboxTensor"/>); nine outputs, for strides 8, 16 and 32 with two anchors a cell —
/// scores, box distances and five key points, both in strides from the anchor's centre; those scoring at least
/// <see cref="MinScore"/> kept by <see cref="ScrfdSuppression"/> (IoU 0.4), mapped back to the photo's pixels.
/// Thread-safe: the graph is shared, each run rents its own buffers.
/// </summary>
internal sealed class ScrfdDetector : IDisposable
{
    /// <summary>The score a face must reach: immich's default <c>minScore</c>.</summary>
    public const double MinScore = 0.7;

    private const double IouLimit = 0.4;
    private const int DefaultSize = 640;
    private const int AnchorsPerCell = 2;
    private const int KeyPoints = 5;
    private static readonly int[] Strides = [8, 16, 32];

    // What each of the three outputs of a stride gives per anchor: a score, four distances, five points.
    private static readonly int[] Widths = [1, 4, 2 * KeyPoints];

    private readonly OnnxGraph _graph;
    private readonly string[] _input;
    private readonly string[] _outputs;
    private readonly long[][] _shapes;
    private readonly int[] _offsets;
    private readonly int _length;

    private ScrfdDetector(OnnxGraph graph, string input, string[] outputs, int size, bool batched)
    {
        _graph = graph;
        _input = [input];
        _outputs = outputs;
        Size = size;
        _shapes = new long[outputs.Length][];
        _offsets = new int[outputs.Length];
        for (var k = 0; k < outputs.Length; k++)
        {
            var (rows, width) = (Anchors(Strides[k % Strides.Length]), Widths[k / Strides.Length]);
            _shapes[k] = batched ? [1, rows, width] : [rows, width];
            _offsets[k] = _length;
            _length += rows * width;
        }
    }

    /// <summary>The side of the square it sees the photo in.</summary>
    public int Size { get; }

    /// <summary>Loads the graph at <paramref name="path"/>, checking it is a SCRFD detector with key points.</summary>
    /// <exception cref="ModelLoadException">It does not load, or takes or gives something else.</exception>
    public static ScrfdDetector Open(string path, ModelOptions model, ILogger logger)
    {
        var graph = OnnxGraph.Open(path, model, logger);
        try
        {
            var session = graph.Session;
            if (session.InputNames is not [var input] || session.InputMetadata[input].Dimensions is not [var n, 3, var h, var w] || n > 1 || h != w || (h > 0 && h % 32 != 0))
            {
                throw new ModelLoadException(path, "a SCRFD detector takes one input [1, 3, H, W] (a square whose side is free or a multiple of 32)");
            }

            if (session.OutputNames.Count != Strides.Length * Widths.Length)
            {
                throw new ModelLoadException(path, $"it has {session.OutputNames.Count} outputs; the SCRFD detectors read here have 9 (scores, boxes and five key points for strides 8, 16, 32, two anchors a cell)");
            }

            var size = h > 0 ? h : DefaultSize;
            var ranks = session.OutputNames.Select(name => session.OutputMetadata[name].Dimensions).ToList();
            for (var k = 0; k < ranks.Count; k++)
            {
                var (rows, width) = (Anchors(size, Strides[k % Strides.Length]), Widths[k / Strides.Length]);
                var shape = ranks[k];
                if (shape.Length is not (2 or 3) || shape.Length != ranks[0].Length || (shape[^1] > 0 && shape[^1] != width) || (shape[^2] > 0 && shape[^2] != rows))
                {
                    throw new ModelLoadException(path, $"output {k} ('{session.OutputNames[k]}') is [{string.Join(", ", shape)}], not [{rows}, {width}]: not SCRFD's 9-output layout (fmc 3, two anchors, key points)");
                }
            }

            return new ScrfdDetector(graph, input, [.. session.OutputNames], size, batched: ranks[0].Length == 3);
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    /// <summary>The faces in <paramref name="image"/>, best first, in its pixels.</summary>
    /// <exception cref="InferenceException">ONNX Runtime failed.</exception>
    public List<ScrfdFace> Detect(RgbaImage image, CancellationToken cancellationToken)
    {
        var length = 3 * Size * Size;
        var input = ArrayPool<float>.Shared.Rent(length);
        var output = ArrayPool<float>.Shared.Rent(_length);
        try
        {
            var scale = LetterboxTensor.Write(image, Size, input.AsSpan(0, length));
            using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, length), [1, 3, Size, Size]);
            var written = new OrtValue[_outputs.Length];
            try
            {
                for (var k = 0; k < written.Length; k++)
                {
                    var values = (int)_shapes[k][^2] * (int)_shapes[k][^1];
                    written[k] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output.AsMemory(_offsets[k], values), _shapes[k]);
                }

                _graph.Run(_input, [tensor], _outputs, written, cancellationToken);
            }
            finally
            {
                foreach (var value in written)
                {
                    value?.Dispose();
                }
            }

            return ScrfdSuppression.Select(Decode(output, scale), IouLimit);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
            ArrayPool<float>.Shared.Return(output);
        }
    }

    public void Dispose() => _graph.Dispose();

    private static int Anchors(int size, int stride) => (size / stride) * (size / stride) * AnchorsPerCell;

    private int Anchors(int stride) => Anchors(Size, stride);

    /// <summary>The anchors scoring at least <see cref="MinScore"/>, best first (equal scores in anchor order), in the photo's pixels.</summary>
    private List<ScrfdFace> Decode(ReadOnlySpan<float> output, double scale)
    {
        var found = new List<(ScrfdFace Face, int Order)>();
        for (var level = 0; level < Strides.Length; level++)
        {
            var (stride, rows) = (Strides[level], Anchors(Strides[level]));
            var cells = Size / stride;
            var scores = output.Slice(_offsets[level], rows);
            var boxes = output.Slice(_offsets[level + Strides.Length], rows * 4);
            var points = output.Slice(_offsets[level + (2 * Strides.Length)], rows * 2 * KeyPoints);
            for (var i = 0; i < rows; i++)
            {
                if (!(scores[i] >= MinScore))
                {
                    continue;
                }

                var cell = i / AnchorsPerCell;
                double cx = cell % cells * stride, cy = cell / cells * stride;
                var kps = new FacePoint[KeyPoints];
                for (var p = 0; p < KeyPoints; p++)
                {
                    kps[p] = new FacePoint((cx + ((double)points[(i * 10) + (2 * p)] * stride)) / scale, (cy + ((double)points[(i * 10) + (2 * p) + 1] * stride)) / scale);
                }

                var face = new ScrfdFace((cx - ((double)boxes[i * 4] * stride)) / scale, (cy - ((double)boxes[(i * 4) + 1] * stride)) / scale,
                    (cx + ((double)boxes[(i * 4) + 2] * stride)) / scale, (cy + ((double)boxes[(i * 4) + 3] * stride)) / scale, scores[i], kps);
                found.Add((face, found.Count));
            }
        }

        found.Sort((a, b) => a.Face.Score != b.Face.Score ? b.Face.Score.CompareTo(a.Face.Score) : a.Order.CompareTo(b.Order));
        return [.. found.Select(f => f.Face)];
    }
}
