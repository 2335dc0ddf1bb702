using System.Text.Json;
using Retrieval.Faces;
using Retrieval.Imaging;
using Retrieval.Models;
using Retrieval.Testing;

namespace Retrieval.Tests.Faces;

/// <summary>
/// The committed face test set (<c>tests/faces-set</c>, made by its <c>build.py</c>): real photos and the bad inputs
/// derived from them, with what the original face-api on TensorFlow.js found in each (<c>reference.json</c>).
/// </summary>
internal static class FaceSet
{
    public static string Photos => Path.Combine(RepositoryPaths.FaceSet, "photos");

    public static string Derived => Path.Combine(RepositoryPaths.FaceSet, "derived");

    /// <summary>What the original found, by file (<c>photos/NAME.jpg</c>, <c>derived/NAME.jpg</c>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ReferenceFace>> Reference { get; } = Load();

    /// <summary>Every file of the set, for theories.</summary>
    public static TheoryData<string> Files => [.. Reference.Keys];

    /// <summary>The face models on the CPU at two threads, keeping every face the detector finds (no minimum size, up to its 100).</summary>
    public static PhotoFaceReader OpenReader(FaceOptions? options = null) =>
        PhotoFaceReader.Open(new FaceModels(RepositoryPaths.FaceModels), new ModelOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 2 },
            options ?? new FaceOptions { MinFaceSize = 0, MaxFacesPerPhoto = 100 });

    /// <summary>The file of the set, decoded upright as the indexer decodes it.</summary>
    public static RgbaImage Decode(string file) => new ImageDecoder(new ImagingOptions()).DecodeFile(Path.Combine(RepositoryPaths.FaceSet, file));

    /// <summary>The cosine of two descriptors.</summary>
    public static double Cosine(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity<float>(a, b);

    /// <summary>dlib's distance of two descriptors (same person below 0.6).</summary>
    public static double Distance(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Distance<float>(a, b);

    private static Dictionary<string, IReadOnlyList<ReferenceFace>> Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FaceSet, "reference.json")));
        return json.RootElement.GetProperty("images").EnumerateObject().ToDictionary(image => image.Name, image => (IReadOnlyList<ReferenceFace>)[..
            image.Value.GetProperty("faces").EnumerateArray().Select(face => new ReferenceFace(
                Numbers(face.GetProperty("box")) is [var x, var y, var w, var h] ? new FaceBox(x, y, w, h) : throw new InvalidDataException("a box is four numbers"),
                face.GetProperty("score").GetSingle(),
                [.. face.GetProperty("landmarks").EnumerateArray().Select(p => Numbers(p) is [var px, var py] ? new FacePoint(px, py) : throw new InvalidDataException("a point is two numbers"))],
                [.. face.GetProperty("descriptor").EnumerateArray().Select(v => v.GetSingle())]))]);
    }

    /// <summary>How far apart two boxes are: the largest difference of their corners' coordinates and sizes, in pixels.</summary>
    public static double Offset(FaceBox a, FaceBox b) =>
        Math.Max(Math.Max(Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y)), Math.Max(Math.Abs(a.Width - b.Width), Math.Abs(a.Height - b.Height)));

    /// <summary>The numbers of a JSON array.</summary>
    public static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    /// <summary>One face as the original found it.</summary>
    public sealed record ReferenceFace(FaceBox Box, float Score, IReadOnlyList<FacePoint> Landmarks, float[] Descriptor);
}
