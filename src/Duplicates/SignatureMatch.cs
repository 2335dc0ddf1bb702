using System.Numerics.Tensors;

namespace Retrieval.Duplicates;

/// <summary>
/// How alike two photos' pixels are once aligned, in [-1, 1]: the crop of one (up to 6 % off each side, found by
/// coordinate descent in 1 % steps) that best matches the other's whole frame, then the correlation of the two
/// luminance frames after a high-pass (each less its 5 × 5 local mean) — capped by how alike their colour is. Aligning
/// recovers crops, which the plain correlation scores as low as distinct photos; the high-pass drops the
/// sky-above-ground layout distinct photos share, keeping the detail only copies of one shot share; the colour tells
/// apart shapes alike in brightness but not in hue. Measured on the committed test set: edited copies from 0.95,
/// distinct photos and burst shots up to 0.82 by the luminance alone (README, "Near-duplicates").
/// </summary>
public static class SignatureMatch
{
    // The grid the frames are compared on, coarser than the signature's so a crop's sampling stays smooth.
    private const int Grid = 16;
    private const int MaxCropSteps = 6;
    private const float Step = 0.01f;
    private const int Rounds = 3;
    private const int Blur = 5;

    /// <summary>The aligned similarity of two <see cref="PixelSignature"/>s, whichever of the two is the crop.</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Similarity(a, b, float.NegativeInfinity);

    /// <summary>
    /// The aligned similarity, or just the colour's when that is already below <paramref name="atLeast"/>: the final score
    /// is the smaller of the two, and the colour costs a dot product where the alignment costs a search.
    /// </summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float atLeast)
    {
        if (a.Length != PixelSignature.Length || b.Length != PixelSignature.Length)
        {
            throw new ArgumentException($"signatures hold {PixelSignature.Length} values, not {a.Length} and {b.Length}");
        }

        var colour = Colour(a[PixelSignature.ColourStart..], b[PixelSignature.ColourStart..]);
        if (colour < atLeast)
        {
            return colour;
        }

        var lumaA = a[..PixelSignature.ColourStart];
        var lumaB = b[..PixelSignature.ColourStart];
        return Math.Min(Math.Max(Aligned(lumaA, lumaB), Aligned(lumaB, lumaA)), colour);
    }

    /// <summary>The cosine of the two colour layouts; 1 when either photo is grey (no colour to compare).</summary>
    private static float Colour(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var (na, nb) = (TensorPrimitives.Norm(a), TensorPrimitives.Norm(b));
        return na == 0 || nb == 0 ? 1 : TensorPrimitives.Dot(a, b) / (na * nb);
    }

    /// <summary>The similarity of <paramref name="whole"/>'s luminance frame with the crop of <paramref name="cropped"/>'s that matches it best.</summary>
    private static float Aligned(ReadOnlySpan<float> cropped, ReadOnlySpan<float> whole)
    {
        Span<float> target = stackalloc float[Grid * Grid];
        Span<float> trial = stackalloc float[Grid * Grid];
        Span<int> sides = stackalloc int[4]; // left, right, top, bottom, in steps
        Span<int> candidate = stackalloc int[4];
        Sample(whole, sides, target);
        PixelSignature.Normalise(target);
        var best = Correlation(cropped, sides, target, trial);
        for (var round = 0; round < Rounds; round++)
        {
            var improved = false;
            for (var side = 0; side < 4; side++)
            {
                foreach (var direction in (ReadOnlySpan<int>)[1, -1])
                {
                    while (true)
                    {
                        sides.CopyTo(candidate);
                        candidate[side] += direction;
                        if (candidate[side] is < 0 or > MaxCropSteps)
                        {
                            break;
                        }

                        var score = Correlation(cropped, candidate, target, trial);
                        if (score <= best + 1e-6f)
                        {
                            break;
                        }

                        (best, improved) = (score, true);
                        candidate.CopyTo(sides);
                    }
                }
            }

            if (!improved)
            {
                break;
            }
        }

        Sample(cropped, sides, trial);
        HighPass(trial);
        Sample(whole, [0, 0, 0, 0], target);
        HighPass(target);
        return TensorPrimitives.Dot(trial, target);
    }

    private static float Correlation(ReadOnlySpan<float> cropped, ReadOnlySpan<int> sides, ReadOnlySpan<float> target, Span<float> trial)
    {
        Sample(cropped, sides, trial);
        PixelSignature.Normalise(trial);
        return TensorPrimitives.Dot(trial, target);
    }

    /// <summary>The box <paramref name="sides"/> leave of a signature, resampled bilinearly onto the comparison grid.</summary>
    private static void Sample(ReadOnlySpan<float> signature, ReadOnlySpan<int> sides, Span<float> grid)
    {
        const int N = PixelSignature.Side;
        float left = sides[0] * Step, right = sides[1] * Step, top = sides[2] * Step, bottom = sides[3] * Step;
        for (var gy = 0; gy < Grid; gy++)
        {
            var (y0, fy) = Position(top + ((gy + 0.5f) / Grid * (1 - top - bottom)));
            for (var gx = 0; gx < Grid; gx++)
            {
                var (x0, fx) = Position(left + ((gx + 0.5f) / Grid * (1 - left - right)));
                var upper = (signature[(y0 * N) + x0] * (1 - fx)) + (signature[(y0 * N) + x0 + 1] * fx);
                var lower = (signature[((y0 + 1) * N) + x0] * (1 - fx)) + (signature[((y0 + 1) * N) + x0 + 1] * fx);
                grid[(gy * Grid) + gx] = (upper * (1 - fy)) + (lower * fy);
            }
        }

        static (int Cell, float Fraction) Position(float at)
        {
            var x = (at * N) - 0.5f;
            var cell = Math.Clamp((int)MathF.Floor(x), 0, N - 2);
            return (cell, Math.Clamp(x - cell, 0, 1));
        }
    }

    /// <summary>Each value less the mean of its 5 × 5 neighbourhood (edges repeated), then normalised.</summary>
    private static void HighPass(Span<float> grid)
    {
        Span<float> local = stackalloc float[Grid * Grid];
        for (var y = 0; y < Grid; y++)
        {
            for (var x = 0; x < Grid; x++)
            {
                var sum = 0f;
                for (var dy = -(Blur / 2); dy <= Blur / 2; dy++)
                {
                    var row = Math.Clamp(y + dy, 0, Grid - 1) * Grid;
                    for (var dx = -(Blur / 2); dx <= Blur / 2; dx++)
                    {
                        sum += grid[row + Math.Clamp(x + dx, 0, Grid - 1)];
                    }
                }

                local[(y * Grid) + x] = sum / (Blur * Blur);
            }
        }

        TensorPrimitives.Subtract(grid, local, grid);
        PixelSignature.Normalise(grid);
    }
}
