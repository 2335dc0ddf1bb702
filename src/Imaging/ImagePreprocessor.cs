using System.Buffers;

namespace Retrieval.Imaging;

/// <summary>
/// CLIP's image preprocessing into a float tensor: shorter side resized to the model size with Pillow's
/// antialiased bicubic, centre crop, RGB scaled to [0, 1] and normalised with the model's mean and std,
/// written channel-major (3 x height x width). Only the pixels inside the crop are ever resampled.
/// Thread-safe; allocation-free apart from one pooled scratch buffer per call.
/// </summary>
public sealed class ImagePreprocessor
{
    private readonly float[] _lookup;

    /// <summary>Creates a preprocessor for one model's <see cref="PreprocessOptions"/>.</summary>
    public ImagePreprocessor(PreprocessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CropHeight > options.ShortestEdge || options.CropWidth > options.ShortestEdge)
        {
            throw new ArgumentException(
                $"the crop ({options.CropWidth}x{options.CropHeight}) must fit inside the resized image (shorter side {options.ShortestEdge})",
                nameof(options));
        }

        Options = options;
        // Normalising a byte is a table lookup: 256 values per channel.
        _lookup = new float[3 * 256];
        for (var c = 0; c < 3; c++)
        {
            for (var v = 0; v < 256; v++)
            {
                _lookup[(c * 256) + v] = ((v / 255f) - options.Mean[c]) / options.Std[c];
            }
        }
    }

    /// <summary>The preprocessing this instance applies.</summary>
    public PreprocessOptions Options { get; }

    /// <summary>The size the shorter side of <paramref name="width"/> x <paramref name="height"/> becomes: the reference's floor rule.</summary>
    public (int Width, int Height) ResizedSize(int width, int height)
    {
        var edge = Options.ShortestEdge;
        return width <= height
            ? (edge, (int)((double)edge * height / width))
            : ((int)((double)edge * width / height), edge);
    }

    /// <summary>Writes the model input for <paramref name="image"/> into <paramref name="destination"/> (<see cref="PreprocessOptions.TensorLength"/> floats).</summary>
    public void Preprocess(RgbaImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (cropW, cropH) = (Options.CropWidth, Options.CropHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Options.TensorLength, nameof(destination));

        var (newW, newH) = ResizedSize(image.Width, image.Height);
        var horizontal = ResampleWeights.Bicubic(image.Width, newW, (newW - cropW) / 2, cropW);
        var vertical = ResampleWeights.Bicubic(image.Height, newH, (newH - cropH) / 2, cropH);

        // Pillow resamples rows first, rounding to bytes in between; only the rows the crop needs.
        var firstRow = vertical.First[0];
        var rowCount = vertical.First[^1] + vertical.Count[^1] - firstRow;
        var scratch = ArrayPool<byte>.Shared.Rent(rowCount * cropW * 3);
        try
        {
            ResampleRows(image, horizontal, firstRow, rowCount, scratch);
            ResampleColumns(scratch, cropW, firstRow, vertical, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void ResampleRows(RgbaImage image, ResampleWeights weights, int firstRow, int rowCount, Span<byte> output)
    {
        ReadOnlySpan<byte> pixels = image.Pixels;
        var outWidth = weights.First.Length;
        for (var y = 0; y < rowCount; y++)
        {
            var row = pixels.Slice((firstRow + y) * image.Width * 4, image.Width * 4);
            var target = output.Slice(y * outWidth * 3, outWidth * 3);
            for (var x = 0; x < outWidth; x++)
            {
                var taps = weights.Weights.AsSpan(x * weights.Taps, weights.Count[x]);
                var source = row[(weights.First[x] * 4)..];
                int r = ResampleWeights.Half, g = r, b = r;
                for (var k = 0; k < taps.Length; k++)
                {
                    var w = taps[k];
                    r += source[k * 4] * w;
                    g += source[(k * 4) + 1] * w;
                    b += source[(k * 4) + 2] * w;
                }

                target[x * 3] = ResampleWeights.Clip8(r);
                target[(x * 3) + 1] = ResampleWeights.Clip8(g);
                target[(x * 3) + 2] = ResampleWeights.Clip8(b);
            }
        }
    }

    private void ResampleColumns(ReadOnlySpan<byte> rows, int width, int firstRow, ResampleWeights weights, Span<float> destination)
    {
        var plane = weights.First.Length * width;
        var stride = width * 3;
        ReadOnlySpan<float> lookup = _lookup;
        for (var y = 0; y < weights.First.Length; y++)
        {
            var taps = weights.Weights.AsSpan(y * weights.Taps, weights.Count[y]);
            var top = (weights.First[y] - firstRow) * stride;
            for (var x = 0; x < width; x++)
            {
                int r = ResampleWeights.Half, g = r, b = r;
                var offset = top + (x * 3);
                for (var k = 0; k < taps.Length; k++, offset += stride)
                {
                    var w = taps[k];
                    r += rows[offset] * w;
                    g += rows[offset + 1] * w;
                    b += rows[offset + 2] * w;
                }

                var at = (y * width) + x;
                destination[at] = lookup[ResampleWeights.Clip8(r)];
                destination[plane + at] = lookup[256 + ResampleWeights.Clip8(g)];
                destination[(2 * plane) + at] = lookup[512 + ResampleWeights.Clip8(b)];
            }
        }
    }
}
