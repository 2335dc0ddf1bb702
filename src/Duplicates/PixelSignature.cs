using System.Numerics.Tensors;
using Retrieval.Imaging;

namespace Retrieval.Duplicates;

/// <summary>
/// What a photo's pixels look like, small: the luminance of the whole upright frame averaged over a 24 × 24 grid, less
/// its mean, at unit length — so its cosine with another is their correlation, blind to brightness and contrast —
/// followed by the colour (the two chroma planes) over an 8 × 8 grid, at a smaller weight. Resizing and re-encoding
/// barely change it; it is the candidate search's vector (one per photo, in the index's pixels collection) and what
/// <see cref="SignatureMatch"/> aligns to confirm a pair. The retrieval embedding cannot do this: it scores edited
/// copies below some distinct photos.
/// </summary>
public static class PixelSignature
{
    /// <summary>The luminance grid's side.</summary>
    public const int Side = 24;

    /// <summary>The chroma grids' side.</summary>
    public const int ColourSide = 8;

    /// <summary>Where the colour starts: the luminance is the first <c>Side * Side</c> values.</summary>
    public const int ColourStart = Side * Side;

    /// <summary>The signature's length: the luminance grid, then the two chroma grids.</summary>
    public const int Length = ColourStart + (2 * ColourSide * ColourSide);

    /// <summary>The length of the luminance part and of the colour part: the colour weighs this much in a cosine.</summary>
    public const float ColourWeight = 0.3f;

    /// <summary>The name the pixels collection is made under: a change to the signature changes it, so old ones are dropped.</summary>
    public const string Version = "pixel-signature-24-8-v2";

    // Below this mean chroma magnitude (of 255) a photo is grey: its colour says nothing and is left out (zeros).
    private const float GreyChroma = 2f;

    /// <summary>The signature of <paramref name="image"/>.</summary>
    public static float[] Of(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var signature = new float[Length];
        var luma = signature.AsSpan(0, ColourStart);
        Average(image, Side, luma, (r, g, b) => (0.299f * r) + (0.587f * g) + (0.114f * b)); // Rec. 601, as JPEG's Y
        Normalise(luma);
        TensorPrimitives.Multiply(luma, MathF.Sqrt(1 - (ColourWeight * ColourWeight)), luma);

        var colour = signature.AsSpan(ColourStart);
        Average(image, ColourSide, colour[..(ColourSide * ColourSide)], (r, g, b) => (-0.1687f * r) - (0.3313f * g) + (0.5f * b));
        Average(image, ColourSide, colour[(ColourSide * ColourSide)..], (r, g, b) => (0.5f * r) - (0.4187f * g) - (0.0813f * b));
        var norm = TensorPrimitives.Norm(colour);
        if (norm / MathF.Sqrt(colour.Length) < GreyChroma)
        {
            colour.Clear();
        }
        else
        {
            TensorPrimitives.Multiply(colour, ColourWeight / norm, colour);
        }

        return signature;
    }

    /// <summary>The mean of <paramref name="channel"/> over each cell of a <paramref name="side"/> × <paramref name="side"/> grid of the frame.</summary>
    private static void Average(RgbaImage image, int side, Span<float> grid, Func<float, float, float, float> channel)
    {
        var pixels = image.Pixels;
        var width = image.Width;
        for (var cy = 0; cy < side; cy++)
        {
            var (top, bottom) = Span(cy, side, image.Height);
            for (var cx = 0; cx < side; cx++)
            {
                var (left, right) = Span(cx, side, width);
                var sum = 0f;
                for (var y = top; y < bottom; y++)
                {
                    var line = pixels.Slice(((y * width) + left) * 4, (right - left) * 4);
                    for (var x = 0; x < line.Length; x += 4)
                    {
                        sum += channel(line[x], line[x + 1], line[x + 2]);
                    }
                }

                grid[(cy * side) + cx] = sum / ((bottom - top) * (right - left));
            }
        }
    }

    /// <summary>Less its mean, at unit length (all zeros for a flat image).</summary>
    internal static void Normalise(Span<float> values)
    {
        TensorPrimitives.Subtract(values, TensorPrimitives.Average(values), values);
        var norm = TensorPrimitives.Norm(values);
        TensorPrimitives.Divide(values, norm > 1e-6f ? norm : 1, values);
    }

    /// <summary>The pixels cell <paramref name="cell"/> of <paramref name="side"/> averages along an axis of <paramref name="length"/>: at least one.</summary>
    private static (int Start, int End) Span(int cell, int side, int length)
    {
        var start = Math.Min(cell * length / side, length - 1);
        return (start, Math.Max(start + 1, (cell + 1) * length / side));
    }
}
