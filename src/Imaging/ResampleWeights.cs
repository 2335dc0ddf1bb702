namespace Retrieval.Imaging;

/// <summary>
/// The filter taps of one resampling axis, computed exactly as Pillow's <c>precompute_coeffs</c> and
/// <c>normalize_coeffs_8bpc</c> do (bicubic with a = -0.5, or bilinear; the support widened by the downscale
/// factor so downscaling is antialiased), then stored as 22-bit fixed point. Matching Pillow's integer arithmetic,
/// rounding included, is what lets our tensors match the reference CLIP preprocessing.
/// </summary>
internal sealed class ResampleWeights
{
    /// <summary>Pillow's PRECISION_BITS for 8-bit images: 32 - 8 - 2.</summary>
    public const int PrecisionBits = 22;

    private const double BicubicA = -0.5;
    private const double BicubicSupport = 2.0;
    private const double BilinearSupport = 1.0;

    private ResampleWeights(int[] first, int[] count, int[] weights, int taps)
    {
        First = first;
        Count = count;
        Weights = weights;
        Taps = taps;
    }

    /// <summary>The first input index each output index reads.</summary>
    public int[] First { get; }

    /// <summary>How many input indices each output index reads.</summary>
    public int[] Count { get; }

    /// <summary>Fixed-point weights, <see cref="Taps"/> per output index.</summary>
    public int[] Weights { get; }

    /// <summary>The stride of <see cref="Weights"/>: the widest filter footprint.</summary>
    public int Taps { get; }

    /// <summary>
    /// The weights mapping the span [<paramref name="inStart"/>, +<paramref name="inExtent"/>) of
    /// <paramref name="inSize"/> samples onto <paramref name="outSize"/>, for the outputs in
    /// [<paramref name="outStart"/>, +<paramref name="outCount"/>): Pillow's <c>resize(..., box)</c> along one
    /// axis. The span is the whole input unless the input is a reduced decode, whose rounded-up size exceeds
    /// the exact full size / scale that the geometry refers to.
    /// </summary>
    public static ResampleWeights Of(ResampleFilter kind, int inSize, double inStart, double inExtent, int outSize, int outStart, int outCount)
    {
        var scale = inExtent / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = (kind == ResampleFilter.Bilinear ? BilinearSupport : BicubicSupport) * filterScale;
        Func<double, double> filter = kind == ResampleFilter.Bilinear ? Bilinear : Bicubic;
        var taps = ((int)Math.Ceiling(support) * 2) + 1;
        var first = new int[outCount];
        var count = new int[outCount];
        var weights = new int[outCount * taps];
        Span<double> k = stackalloc double[taps];
        for (var i = 0; i < outCount; i++)
        {
            var center = inStart + ((outStart + i + 0.5) * scale);
            var min = Math.Max((int)(center - support + 0.5), 0);
            var max = Math.Min((int)(center + support + 0.5), inSize) - min;
            var total = 0.0;
            for (var x = 0; x < max; x++)
            {
                k[x] = filter((x + min - center + 0.5) / filterScale);
                total += k[x];
            }

            var row = weights.AsSpan(i * taps, taps);
            for (var x = 0; x < max; x++)
            {
                var w = total != 0 ? k[x] / total : k[x];
                row[x] = (int)(w < 0 ? -0.5 + (w * (1 << PrecisionBits)) : 0.5 + (w * (1 << PrecisionBits)));
            }

            first[i] = min;
            count[i] = max;
        }

        return new ResampleWeights(first, count, weights, taps);
    }

    /// <summary>Rounds a fixed-point sum back to a byte, as Pillow's <c>clip8</c>.</summary>
    public static byte Clip8(int sum) => (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);

    /// <summary>The rounding term every fixed-point sum starts from.</summary>
    public static int Half => 1 << (PrecisionBits - 1);

    private static double Bilinear(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static double Bicubic(double x)
    {
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return ((((BicubicA + 2.0) * x) - (BicubicA + 3.0)) * x * x) + 1.0;
        }

        return x < 2.0 ? ((((x - 5.0) * x) + 8.0) * x - 4.0) * BicubicA : 0.0;
    }
}
