using Retrieval.Imaging;

namespace Retrieval.Ocr;

/// <summary>
/// One detected line cut out of the photo and made upright: its rotated rectangle sampled onto an axis-aligned grid
/// <see cref="Height"/> pixels tall (the recogniser's 48), each output pixel the mean of a few bilinear samples so a
/// large line shrinks without aliasing. A line standing on its end (1.5 times taller than wide) is turned a quarter,
/// as PaddleOCR turns it. RGB, three bytes a pixel.
/// </summary>
internal sealed class LineCrop
{
    public const int Height = 48;
    private const int MaxWidth = Height * 40;

    private LineCrop(byte[] rgb, int width)
    {
        Rgb = rgb;
        Width = width;
    }

    public byte[] Rgb { get; }

    public int Width { get; }

    /// <summary>Cuts <paramref name="corners"/> (the photo's full-size pixels, clockwise from the top left) out of <paramref name="image"/>.</summary>
    public static LineCrop Cut(RgbaImage image, (double X, double Y)[] corners)
    {
        static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
        var (p0, p1, p2, p3) = (corners[0], corners[1], corners[2], corners[3]);
        var boxWidth = Math.Max(Distance(p0, p1), Distance(p3, p2));
        var boxHeight = Math.Max(Distance(p0, p3), Distance(p1, p2));
        if (boxHeight >= 1.5 * boxWidth)
        {
            // Standing on its end: read it from what was its bottom left, turned a quarter anticlockwise.
            (p0, p1, p2, p3) = (p3, p0, p1, p2);
            (boxWidth, boxHeight) = (boxHeight, boxWidth);
        }

        var width = Math.Clamp((int)Math.Ceiling(Height * boxWidth / Math.Max(boxHeight, 1)), 1, MaxWidth);
        var rgb = new byte[width * Height * 3];
        var scale = Math.Max(boxHeight / Height, boxWidth / width);
        var samples = Math.Clamp((int)Math.Ceiling(scale), 1, 4);
        var pixels = image.Pixels;
        // From the full-size photo's pixels to the decoded ones (a JPEG may have been decoded at a reduced scale).
        var reduction = (double)image.Reduction;
        for (var v = 0; v < Height; v++)
        {
            for (var u = 0; u < width; u++)
            {
                int r = 0, g = 0, b = 0;
                for (var sy = 0; sy < samples; sy++)
                {
                    for (var sx = 0; sx < samples; sx++)
                    {
                        var fu = (u + ((sx + 0.5) / samples)) / width;
                        var fv = (v + ((sy + 0.5) / samples)) / Height;
                        var x = p0.X + (fu * (p1.X - p0.X)) + (fv * (p3.X - p0.X));
                        var y = p0.Y + (fu * (p1.Y - p0.Y)) + (fv * (p3.Y - p0.Y));
                        var (sr, sg, sb) = Bilinear(pixels, image.Width, image.Height, image.OriginX + (x / reduction) - 0.5, image.OriginY + (y / reduction) - 0.5);
                        (r, g, b) = (r + sr, g + sg, b + sb);
                    }
                }

                var n = samples * samples;
                var at = ((v * width) + u) * 3;
                (rgb[at], rgb[at + 1], rgb[at + 2]) = ((byte)((r + (n / 2)) / n), (byte)((g + (n / 2)) / n), (byte)((b + (n / 2)) / n));
            }
        }

        return new LineCrop(rgb, width);
    }

    /// <summary>The crop turned half a turn (the classifier said it was upside down).</summary>
    public LineCrop Turned()
    {
        var turned = new byte[Rgb.Length];
        var pixelsCount = Width * Height;
        for (var i = 0; i < pixelsCount; i++)
        {
            Array.Copy(Rgb, i * 3, turned, (pixelsCount - 1 - i) * 3, 3);
        }

        return new LineCrop(turned, Width);
    }

    /// <summary>
    /// Writes the crop as the PaddleOCR models take it — planes blue, green, red, <c>(v / 255 - 0.5) / 0.5</c> — into
    /// <paramref name="tensor"/> (3 × 48 × <paramref name="tensorWidth"/>, already zeroed: the padding), squeezed
    /// horizontally to the width when wider.
    /// </summary>
    public void WriteNormalized(Span<float> tensor, int tensorWidth)
    {
        var width = Math.Min(Width, tensorWidth);
        var plane = Height * tensorWidth;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var source = ((y * Width) + (width == Width ? x : x * Width / width)) * 3;
                var at = (y * tensorWidth) + x;
                tensor[at] = (Rgb[source + 2] / 127.5f) - 1f;
                tensor[plane + at] = (Rgb[source + 1] / 127.5f) - 1f;
                tensor[(2 * plane) + at] = (Rgb[source] / 127.5f) - 1f;
            }
        }
    }

    private static (int R, int G, int B) Bilinear(Span<byte> pixels, int width, int height, double x, double y)
    {
        x = Math.Clamp(x, 0, width - 1);
        y = Math.Clamp(y, 0, height - 1);
        var (x0, y0) = ((int)x, (int)y);
        var (x1, y1) = (Math.Min(x0 + 1, width - 1), Math.Min(y0 + 1, height - 1));
        var (fx, fy) = (x - x0, y - y0);
        var (a, b, c, d) = (((y0 * width) + x0) * 4, ((y0 * width) + x1) * 4, ((y1 * width) + x0) * 4, ((y1 * width) + x1) * 4);
        int Mix(Span<byte> p, int channel) => (int)((((p[a + channel] * (1 - fx)) + (p[b + channel] * fx)) * (1 - fy)) + (((p[c + channel] * (1 - fx)) + (p[d + channel] * fx)) * fy) + 0.5);
        return (Mix(pixels, 0), Mix(pixels, 1), Mix(pixels, 2));
    }
}
