using Retrieval.Errors;

namespace Retrieval.Faces;

/// <summary>
/// The face model folders the engine reads, told apart by their files: immich's face packs (what its machine-learning
/// service reads for buffalo_l and antelopev2: <c>detection/model.onnx</c>, insightface's SCRFD, and
/// <c>recognition/model.onnx</c>, an ArcFace recognizer) and the bundled face-api layout, which adds
/// <c>landmarks/model.onnx</c>.
/// </summary>
public static class FaceModelLayout
{
    /// <summary>The detector, relative to the folder.</summary>
    public const string Detection = "detection/model.onnx";

    /// <summary>The recognizer, relative to the folder.</summary>
    public const string Recognition = "recognition/model.onnx";

    /// <summary>face-api's 68-point landmark net, relative to the folder.</summary>
    public const string Landmarks = "landmarks/model.onnx";

    /// <summary>The files of an immich face pack, as its repository names them (what <c>retrieval models pull</c> fetches).</summary>
    public static IReadOnlyList<string> ImmichFiles { get; } = [Detection, Recognition];

    /// <summary>Whether <paramref name="folder"/> holds an immich face pack's two graphs (and no face-api landmarks).</summary>
    public static bool IsImmichPack(string folder) => TryOf(folder, out var kind) && kind == FaceModelKind.InsightFace;

    /// <summary>The pipeline <paramref name="folder"/> is for.</summary>
    /// <exception cref="ModelLoadException">It is no folder, or not in either layout: the message names what is missing.</exception>
    public static FaceModelKind Of(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new ModelLoadException(folder, "there is no such folder");
        }

        if (TryOf(folder, out var kind))
        {
            return kind;
        }

        var missing = ImmichFiles.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        throw new ModelLoadException(folder, $"it is not a face model folder: {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} missing "
            + $"(immich's face layout, as buffalo_l and antelopev2: {Detection} and {Recognition}; the bundled face-api layout adds {Landmarks})");
    }

    private static bool TryOf(string folder, out FaceModelKind kind)
    {
        bool Has(string file) => File.Exists(Path.Combine(folder, file));
        kind = Has(Landmarks) ? FaceModelKind.FaceApi : FaceModelKind.InsightFace;
        return Has(Detection) && Has(Recognition);
    }
}
