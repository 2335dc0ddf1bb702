using Microsoft.Extensions.Logging;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// dlib's ResNet face descriptor as face-api runs it (<c>FaceRecognitionNet.computeFaceDescriptor</c>): each face's
/// aligned square (clipped to the image) padded to a centred square, resized to 150, described by 128 numbers, not
/// normalised. Two faces are one person when their descriptors are less than 0.6 apart (Euclidean; dlib's threshold).
/// </summary>
internal sealed class FaceDescriptor(FaceNet net) : IDisposable
{
    public static FaceDescriptor Open(FaceModels models, ModelOptions model, ILogger logger) =>
        new(FaceNet.Open(models.Recognizer, 150, ["embedding"], model, logger));

    /// <summary>How many numbers describe a face.</summary>
    public int Dimension => net.OutputLength(0);

    /// <summary>The descriptor of each of <paramref name="regions"/> of <paramref name="image"/> (clipped, not empty), in order.</summary>
    public float[][] Describe(RgbaImage image, IReadOnlyList<PixelRect> regions, CancellationToken cancellationToken)
    {
        var output = new float[regions.Count * Dimension];
        net.Run(image, regions, centred: true, [output], cancellationToken);
        return [.. Enumerable.Range(0, regions.Count).Select(i => output.AsSpan(i * Dimension, Dimension).ToArray())];
    }

    public void Dispose() => net.Dispose();
}
