using Microsoft.Extensions.Logging;
using Retrieval.Imaging;
using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// face-api's 68-point landmark net (<c>FaceLandmark68Net</c>) on each detected face: the box cut out (clipped to the
/// image, floored), padded to a centred square, resized to 112; the points it gives mapped back to the image's pixels
/// with face-api's float32 arithmetic. Points 36–41 are the eye on the image's left, 42–47 the other, 30 the nose tip,
/// 48–67 the mouth (48 and 54 its corners).
/// </summary>
internal sealed class FaceLandmarks(FaceNet net) : IDisposable
{
    /// <summary>How many points a face has.</summary>
    public const int Count = 68;

    public static FaceLandmarks Open(FaceModels models, ModelOptions model, ILogger logger) =>
        new(FaceNet.Open(models.Landmarks, 112, ["landmarks"], model, logger));

    /// <summary>
    /// The region of a <paramref name="width"/> × <paramref name="height"/> image the net reads for a detected
    /// <paramref name="box"/> (empty when it holds no whole pixel): face-api's <c>detection.forSize(width, height).box</c>, twice through relative coordinates and back,
    /// clipped to the image.
    /// </summary>
    public static PixelRect CropOf(FaceBox box, int width, int height)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var (x, y, w, h) = (box.X * (1.0 / width), box.Y * (1.0 / height), box.Width * (1.0 / width), box.Height * (1.0 / height));
            box = new FaceBox(x * width, y * height, w * width, h * height);
        }

        return PixelRect.ClipAtImageBorders(box, width, height);
    }

    /// <summary>The 68 points of each face (its detected box and the crop <see cref="CropOf"/> gave, not empty), in the image's pixels.</summary>
    public FacePoint[][] Locate(RgbaImage image, IReadOnlyList<(FaceBox Box, PixelRect Crop)> faces, CancellationToken cancellationToken)
    {
        var output = new float[faces.Count * net.OutputLength(0)];
        net.Run(image, [.. faces.Select(f => f.Crop)], centred: true, [output], cancellationToken);
        var points = new FacePoint[faces.Count][];
        for (var i = 0; i < faces.Count; i++)
        {
            points[i] = ToImage(output.AsSpan(i * net.OutputLength(0), 2 * Count), faces[i].Box, faces[i].Crop);
        }

        return points;
    }

    public void Dispose() => net.Dispose();

    /// <summary>FaceLandmark68NetBase.postProcess (on float32 tensors), then the points shifted by the box, as extendWithFaceLandmarks does.</summary>
    private FacePoint[] ToImage(ReadOnlySpan<float> relative, FaceBox box, PixelRect crop)
    {
        var size = net.Size;
        var scale = (double)size / Math.Max(crop.Height, crop.Width);
        var (w, h) = (crop.Width * scale, crop.Height * scale);
        var padX = (float)(w < h ? Math.Abs(w - h) / 2 : 0);
        var padY = (float)(h < w ? Math.Abs(w - h) / 2 : 0);
        var points = new FacePoint[Count];
        for (var i = 0; i < Count; i++)
        {
            double rx = ((relative[2 * i] * size) - padX) / (float)w;
            double ry = ((relative[(2 * i) + 1] * size) - padY) / (float)h;
            points[i] = new FacePoint((rx * crop.Width / crop.Width * crop.Width) + box.X, (ry * crop.Height / crop.Height * crop.Height) + box.Y);
        }

        return points;
    }
}
