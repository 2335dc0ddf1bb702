using Retrieval.Imaging;

namespace Retrieval.Faces;

/// <summary>
/// face-api's <c>NetInput.toBatchTensor</c> for one region of an image: the region cut out, padded to a square with zeros
/// (centred, the odd pixel before; or all after), and resized to <c>size × size</c> by TensorFlow's <c>resizeBilinear</c>
/// without corner alignment or half-pixel centres (source = destination × in / out, rows then columns, in double,
/// stored as float32): RGB 0..255, NHWC. The arithmetic is face-api's to the bit, so boxes and descriptors match it.
/// </summary>
internal static class RegionTensor
{
    /// <summary>The largest square a net of this pipeline takes (the detector's).</summary>
    public const int MaxSize = 512;

    /// <summary>Writes <paramref name="region"/> of <paramref name="image"/> as a <paramref name="size"/>-square tensor into <paramref name="target"/>.</summary>
    public static void Write(RgbaImage image, PixelRect region, int size, bool centred, Span<float> target)
    {
        var (width, height) = (region.Width, region.Height);
        var (offsetX, offsetY) = (0, 0);
        var difference = Math.Abs(width - height);
        if (centred && difference > 0)
        {
            var after = (int)Math.Round(difference * 0.5, MidpointRounding.AwayFromZero);
            var before = difference - after;
            (offsetX, offsetY) = height > width ? (before, 0) : (0, before);
        }

        var side = Math.Max(width, height);
        Span<int> left = stackalloc int[size];
        Span<int> right = stackalloc int[size];
        Span<double> across = stackalloc double[size];
        Taps(side, size, offsetX, width, region.X, left, right, across);
        Span<int> top = stackalloc int[size];
        Span<int> bottom = stackalloc int[size];
        Span<double> down = stackalloc double[size];
        Taps(side, size, offsetY, height, region.Y, top, bottom, down);

        ReadOnlySpan<byte> pixels = image.Pixels;
        var stride = image.Width;
        var o = 0;
        for (var r = 0; r < size; r++)
        {
            var (row0, row1, rf) = (top[r] < 0 ? -1 : top[r] * stride, bottom[r] < 0 ? -1 : bottom[r] * stride, down[r]);
            for (var c = 0; c < size; c++)
            {
                var (col0, col1, cf) = (left[c], right[c], across[c]);
                for (var d = 0; d < 3; d++)
                {
                    double topLeft = At(pixels, row0, col0, d), topRight = At(pixels, row0, col1, d);
                    double bottomLeft = At(pixels, row1, col0, d), bottomRight = At(pixels, row1, col1, d);
                    var upper = topLeft + ((topRight - topLeft) * cf);
                    var lower = bottomLeft + ((bottomRight - bottomLeft) * cf);
                    target[o++] = (float)(upper + ((lower - upper) * rf));
                }
            }
        }
    }

    /// <summary>
    /// For each output position along one axis: the two source pixels it reads (image coordinates, -1 in the padding) and
    /// the weight of the second, as <c>resizeBilinear</c> computes them over the padded square of side <paramref name="side"/>.
    /// </summary>
    private static void Taps(int side, int size, int offset, int extent, int origin, Span<int> first, Span<int> second, Span<double> weight)
    {
        var ratio = (double)side / size;
        for (var i = 0; i < size; i++)
        {
            var source = ratio * i;
            var low = Math.Max(0, (int)Math.Floor(source));
            weight[i] = source - low;
            first[i] = Inside(low - offset, extent, origin);
            second[i] = Inside(Math.Min(side - 1, (int)Math.Ceiling(source)) - offset, extent, origin);
        }
    }

    private static int Inside(int position, int extent, int origin) => position >= 0 && position < extent ? origin + position : -1;

    private static byte At(ReadOnlySpan<byte> pixels, int row, int column, int channel) =>
        row < 0 || column < 0 ? (byte)0 : pixels[((row + column) * 4) + channel];
}
