using Retrieval.Imaging;

namespace Retrieval.Faces;

/// <summary>
/// insightface's SCRFD input (<c>RetinaFace.detect</c>): the image resized to fit a <c>size × size</c> square keeping its
/// aspect (the other side truncated to whole pixels), placed at the top left on black, as OpenCV's <c>resize</c> with
/// <c>INTER_LINEAR</c> does it (half-pixel centres, edge pixels repeated, no antialiasing) rounded to bytes; then RGB,
/// (x − 127.5) / 128, NCHW. The arithmetic is <c>tools/faces/insightface.mjs</c>'s to the bit.
/// </summary>
internal static class LetterboxTensor
{
    private const double Mean = 127.5;
    private const double Std = 128;

    /// <summary>Writes <paramref name="image"/> letterboxed into <paramref name="target"/> (3 × size × size); returns the scale (new height / height).</summary>
    public static double Write(RgbaImage image, int size, Span<float> target)
    {
        var (width, height) = (image.Width, image.Height);
        var ratio = (double)height / width;
        var (w, h) = ratio > 1 ? ((int)(size / ratio), size) : (size, (int)(size * ratio));
        (w, h) = (Math.Max(1, w), Math.Max(1, h));
        Span<int> left = stackalloc int[w];
        Span<int> right = stackalloc int[w];
        Span<double> across = stackalloc double[w];
        Taps(width, w, left, right, across);
        Span<int> top = stackalloc int[h];
        Span<int> bottom = stackalloc int[h];
        Span<double> down = stackalloc double[h];
        Taps(height, h, top, bottom, down);

        var plane = size * size;
        target[..(3 * plane)].Fill((float)((0 - Mean) / Std));
        ReadOnlySpan<byte> pixels = image.Pixels;
        for (var y = 0; y < h; y++)
        {
            var (row0, row1, fy) = (top[y] * width, bottom[y] * width, down[y]);
            for (var x = 0; x < w; x++)
            {
                var (col0, col1, fx) = (left[x], right[x], across[x]);
                for (var c = 0; c < 3; c++)
                {
                    double topLeft = pixels[((row0 + col0) * 4) + c], topRight = pixels[((row0 + col1) * 4) + c];
                    double bottomLeft = pixels[((row1 + col0) * 4) + c], bottomRight = pixels[((row1 + col1) * 4) + c];
                    var upper = (topLeft * (1 - fx)) + (topRight * fx);
                    var lower = (bottomLeft * (1 - fx)) + (bottomRight * fx);
                    var value = Math.Floor((upper * (1 - fy)) + (lower * fy) + 0.5);
                    target[(c * plane) + (y * size) + x] = (float)((value - Mean) / Std);
                }
            }
        }

        return (double)h / height;
    }

    /// <summary>OpenCV's INTER_LINEAR taps along one axis of <paramref name="from"/> pixels resized to <paramref name="to"/>.</summary>
    private static void Taps(int from, int to, Span<int> first, Span<int> second, Span<double> weight)
    {
        var scale = (double)from / to;
        for (var d = 0; d < to; d++)
        {
            var f = ((d + 0.5) * scale) - 0.5;
            var s = (int)Math.Floor(f);
            f -= s;
            if (s < 0)
            {
                (s, f) = (0, 0);
            }

            if (s >= from - 1)
            {
                (s, f) = (from - 1, 0);
            }

            (first[d], second[d], weight[d]) = (s, Math.Min(s + 1, from - 1), f);
        }
    }
}
