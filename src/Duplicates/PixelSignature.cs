using System.Numerics.Tensors;
using Retrieval.Catalog;
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
    public const string Version = "pixel-signature-24-8-v3";

    /// <summary>The name of the collection of the photos' pixel signatures.</summary>
    public const string CollectionName = "pixels";

    /// <summary>The photos' pixel signatures, by photo id: what near-duplicates are found with. Made by no model, so of its own dimension and name.</summary>
    public static CollectionKind Collection { get; } = new(CollectionName, Length, Version, onePerPhoto: true);

    /// <summary>The collection of a video's frame signatures (many per video, each item's payload the frame's time).</summary>
    public const string FramesCollectionName = "frame-pixels";

    /// <summary>The video frames' signatures collection.</summary>
    public static CollectionKind FramesCollection { get; } = new(FramesCollectionName, Length, Version, onePerPhoto: false);

    // Below this mean chroma magnitude (of 255) a photo is grey: its colour says nothing and is left out (zeros).
    private const float GreyChroma = 2f;

    /// <summary>The signature of <paramref name="image"/>.</summary>
    public static float[] Of(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Span<float> cells = stackalloc float[3 * Side * Side]; // Y, Cb, Cr means on the fine grid, one pass over the pixels
        Average(image, cells);
        var signature = new float[Length];
        var luma = signature.AsSpan(0, ColourStart);
        cells[..ColourStart].CopyTo(luma);
        Normalise(luma);
        TensorPrimitives.Multiply(luma, MathF.Sqrt(1 - (ColourWeight * ColourWeight)), luma);

        // The colour on the coarse grid: each coarse cell the mean of the 3 × 3 fine cells it covers.
        var colour = signature.AsSpan(ColourStart);
        const int Pool = Side / ColourSide;
        for (var plane = 0; plane < 2; plane++)
        {
            var fine = cells.Slice((plane + 1) * ColourStart, ColourStart);
            for (var cy = 0; cy < Side; cy++)
            {
                for (var cx = 0; cx < Side; cx++)
                {
                    colour[(plane * ColourSide * ColourSide) + ((cy / Pool) * ColourSide) + (cx / Pool)] += fine[(cy * Side) + cx] / (Pool * Pool);
                }
            }
        }

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

    /// <summary>The mean luma and chroma (JPEG's Y, Cb, Cr, centred) of each cell of the 24 × 24 grid of the frame.</summary>
    private static void Average(RgbaImage image, Span<float> cells)
    {
        var pixels = image.Pixels;
        var width = image.Width;
        for (var cy = 0; cy < Side; cy++)
        {
            var (top, bottom) = Span(cy, image.Height);
            for (var cx = 0; cx < Side; cx++)
            {
                var (left, right) = Span(cx, width);
                float y = 0, cb = 0, cr = 0;
                for (var row = top; row < bottom; row++)
                {
                    var line = pixels.Slice(((row * width) + left) * 4, (right - left) * 4);
                    for (var x = 0; x < line.Length; x += 4)
                    {
                        float r = line[x], g = line[x + 1], b = line[x + 2];
                        y += (0.299f * r) + (0.587f * g) + (0.114f * b);
                        cb += (-0.1687f * r) - (0.3313f * g) + (0.5f * b);
                        cr += (0.5f * r) - (0.4187f * g) - (0.0813f * b);
                    }
                }

                var count = (float)((bottom - top) * (right - left));
                var cell = (cy * Side) + cx;
                (cells[cell], cells[ColourStart + cell], cells[(2 * ColourStart) + cell]) = (y / count, cb / count, cr / count);
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

    /// <summary>The pixels cell <paramref name="cell"/> of the grid averages along an axis of <paramref name="length"/>: at least one.</summary>
    private static (int Start, int End) Span(int cell, int length)
    {
        var start = Math.Min(cell * length / Side, length - 1);
        return (start, Math.Max(start + 1, (cell + 1) * length / Side));
    }
}
