using System.Numerics.Tensors;
using Retrieval.Imaging;

namespace Retrieval.Duplicates;

/// <summary>
/// What a photo's pixels look like at 24 × 24: the luminance of the whole upright frame averaged over a 24 × 24
/// grid, less its mean, at unit length — so its cosine with another is their correlation, blind to brightness and
/// contrast. Resizing and re-encoding barely change it; it is the candidate search's vector (one per photo, in the
/// index's pixels collection) and what <see cref="SignatureMatch"/> aligns to confirm a pair. The retrieval
/// embedding cannot do this: it scores edited copies below some distinct photos.
/// </summary>
public static class PixelSignature
{
    /// <summary>The grid's side.</summary>
    public const int Side = 24;

    /// <summary>The signature's length, <see cref="Side"/> squared.</summary>
    public const int Length = Side * Side;

    /// <summary>The name the pixels collection is made under: a change to the signature changes it, so old ones are dropped.</summary>
    public const string Version = "pixel-signature-24-v1";

    /// <summary>The signature of <paramref name="image"/>.</summary>
    public static float[] Of(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var signature = new float[Length];
        var pixels = image.Pixels;
        var width = image.Width;
        var height = image.Height;
        Span<float> row = stackalloc float[Side];
        for (var cy = 0; cy < Side; cy++)
        {
            var (top, bottom) = Span(cy, height);
            for (var y = top; y < bottom; y++)
            {
                var line = pixels.Slice(y * width * 4, width * 4);
                for (var cx = 0; cx < Side; cx++)
                {
                    var (left, right) = Span(cx, width);
                    var sum = 0f;
                    for (var x = left; x < right; x++)
                    {
                        // Rec. 601 luma, as JPEG's own Y.
                        sum += (0.299f * line[4 * x]) + (0.587f * line[(4 * x) + 1]) + (0.114f * line[(4 * x) + 2]);
                    }

                    row[cx] = sum / (right - left);
                }

                TensorPrimitives.Add(signature.AsSpan(cy * Side, Side), row, signature.AsSpan(cy * Side, Side));
            }

            TensorPrimitives.Divide(signature.AsSpan(cy * Side, Side), bottom - top, signature.AsSpan(cy * Side, Side));
        }

        Normalise(signature);
        return signature;
    }

    /// <summary>Less its mean, at unit length (all zeros for a flat image).</summary>
    internal static void Normalise(Span<float> values)
    {
        TensorPrimitives.Subtract(values, TensorPrimitives.Average(values), values);
        var norm = TensorPrimitives.Norm(values);
        TensorPrimitives.Divide(values, norm > 1e-6f ? norm : 1, values);
    }

    /// <summary>The pixels cell <paramref name="cell"/> of <see cref="Side"/> averages along an axis of <paramref name="length"/>: at least one.</summary>
    private static (int Start, int End) Span(int cell, int length)
    {
        var start = Math.Min(cell * length / Side, length - 1);
        return (start, Math.Max(start + 1, (cell + 1) * length / Side));
    }
}
