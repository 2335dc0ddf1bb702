using Retrieval.Imaging;

namespace Retrieval.Faces;

/// <summary>
/// insightface's <c>face_align.norm_crop</c> and ArcFace's input: the face turned and scaled so its five key points lie on
/// ArcFace's 112 × 112 template (<see cref="SimilarityTransform"/>), sampled as OpenCV's <c>warpAffine</c> does (bilinear,
/// black outside the image) and rounded to bytes; then RGB, (x − 127.5) / 127.5, NCHW. The arithmetic is
/// <c>tools/faces/insightface.mjs</c>'s to the bit.
/// </summary>
internal static class AlignedFaceTensor
{
    /// <summary>The side of the aligned crop.</summary>
    public const int Side = 112;

    private const double Mean = 127.5;
    private const double Std = 127.5;

    /// <summary>ArcFace's template (insightface's <c>arcface_dst</c>): the eye on the image's left, the other, the nose tip, the mouth's left and right corners.</summary>
    private static readonly FacePoint[] Template =
        [new(38.2946, 51.6963), new(73.5318, 51.5014), new(56.0252, 71.7366), new(41.5493, 92.3655), new(70.7299, 92.2041)];

    /// <summary>Writes the aligned crop of the face with key points <paramref name="points"/> (in <paramref name="image"/>'s pixels) into <paramref name="target"/> (3 × 112 × 112).</summary>
    public static void Write(RgbaImage image, ReadOnlySpan<FacePoint> points, Span<float> target)
    {
        var transform = SimilarityTransform.Fit(points, Template);
        var (width, height) = (image.Width, image.Height);
        ReadOnlySpan<byte> pixels = image.Pixels;
        const int Plane = Side * Side;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var (sx, sy) = transform.Inverse(x, y);
                var (x0, y0) = ((int)Math.Floor(sx), (int)Math.Floor(sy));
                var (fx, fy) = (sx - x0, sy - y0);
                for (var c = 0; c < 3; c++)
                {
                    double topLeft = At(pixels, width, height, x0, y0, c), topRight = At(pixels, width, height, x0 + 1, y0, c);
                    double bottomLeft = At(pixels, width, height, x0, y0 + 1, c), bottomRight = At(pixels, width, height, x0 + 1, y0 + 1, c);
                    var upper = (topLeft * (1 - fx)) + (topRight * fx);
                    var lower = (bottomLeft * (1 - fx)) + (bottomRight * fx);
                    var value = Math.Floor((upper * (1 - fy)) + (lower * fy) + 0.5);
                    target[(c * Plane) + (y * Side) + x] = (float)((value - Mean) / Std);
                }
            }
        }
    }

    private static byte At(ReadOnlySpan<byte> pixels, int width, int height, int x, int y, int channel) =>
        x < 0 || y < 0 || x >= width || y >= height ? (byte)0 : pixels[(((y * width) + x) * 4) + channel];
}
