using System.Buffers;
using Microsoft.Extensions.Logging;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// face-api's SSD MobileNetV1 face detector (<c>SsdMobilenetv1.locateFaces</c>): the whole image padded to a square at
/// the right or bottom and resized to 512, anchors scoring above 0.5 kept by <see cref="NonMaxSuppression"/> (IoU 0.5,
/// at most 100), their boxes mapped back to the image's pixels as face-api maps them.
/// </summary>
internal sealed class FaceDetector(FaceNet net) : IDisposable
{
    // face-api's SsdMobilenetv1Options defaults, which the reference runs use.
    private const double MinScore = 0.5;
    private const double IouLimit = 0.5;
    private const int MaxResults = 100;

    public static FaceDetector Open(FaceModels models, ModelOptions model, ILogger logger) =>
        new(FaceNet.Open(models.Detector, RegionTensor.MaxSize, ["boxes", "scores"], model, logger));

    /// <summary>The faces in <paramref name="image"/>, best first: each box (in its pixels) and score.</summary>
    public List<(FaceBox Box, float Score)> Detect(RgbaImage image, CancellationToken cancellationToken)
    {
        var (width, height) = (image.Width, image.Height);
        var boxes = ArrayPool<float>.Shared.Rent(net.OutputLength(0));
        var scores = ArrayPool<float>.Shared.Rent(net.OutputLength(1));
        try
        {
            net.Run(image, [new PixelRect(0, 0, width, height)], centred: false, [boxes, scores], cancellationToken);
            // The padding's share of the square (computeReshapedDimensions), undone on the way back to pixels.
            var scale = (double)net.Size / Math.Max(height, width);
            var padX = net.Size / Math.Round(width * scale, MidpointRounding.AwayFromZero);
            var padY = net.Size / Math.Round(height * scale, MidpointRounding.AwayFromZero);
            var kept = NonMaxSuppression.Select(boxes.AsSpan(0, net.OutputLength(0)), scores.AsSpan(0, net.OutputLength(1)), MaxResults, IouLimit, MinScore);
            var faces = new List<(FaceBox, float)>(kept.Count);
            foreach (var anchor in kept)
            {
                var box = boxes.AsSpan(anchor * 4, 4);
                var (top, left) = (Math.Max(0, (double)box[0]) * padY, Math.Max(0, (double)box[1]) * padX);
                var (bottom, right) = (Math.Min(1, (double)box[2]) * padY, Math.Min(1, (double)box[3]) * padX);
                faces.Add((new FaceBox(left * width, top * height, (right - left) * width, (bottom - top) * height), scores[anchor]));
            }

            return faces;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(boxes);
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    public void Dispose() => net.Dispose();
}
