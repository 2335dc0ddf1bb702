using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Retrieval.Imaging;

/// <summary>
/// A model's image preprocessing into a float tensor: shorter side resized to the model size and centre-cropped, or
/// squashed to the input size, with Pillow's antialiased bicubic or bilinear; RGB rescaled and normalised with the
/// model's mean and std, written channel-major (3 x height x width). Only the pixels inside the crop are ever
/// resampled. Thread-safe; allocation-free apart from one pooled scratch buffer per call.
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
                _lookup[(c * 256) + v] = ((v * options.RescaleFactor) - options.Mean[c]) / options.Std[c];
            }
        }
    }

    /// <summary>The preprocessing this instance applies.</summary>
    public PreprocessOptions Options { get; }

    /// <summary>The size <paramref name="width"/> x <paramref name="height"/> is resized to before the crop: the reference's floor rule.</summary>
    public (int Width, int Height) ResizedSize(int width, int height)
    {
        if (Options.Resize == ResizeMode.Squash)
        {
            return (Options.CropWidth, Options.CropHeight);
        }

        var edge = Options.ShortestEdge;
        return width <= height ? (edge, Long(height, width)) : (Long(width, height), edge);

        int Long(int longer, int shorter) => Options.Rounding == SizeRounding.RatioTimesSize
            ? (int)((double)longer / shorter * edge)
            : (int)((double)edge * longer / shorter);
    }

    /// <summary>Writes the model input for <paramref name="image"/> into <paramref name="destination"/> (<see cref="PreprocessOptions.TensorLength"/> floats).</summary>
    public void Preprocess(RgbaImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (cropW, cropH) = (Options.CropWidth, Options.CropHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Options.TensorLength, nameof(destination));

        // The geometry is the reference's for the full-resolution image; a reduced decode only changes
        // which grid the filters read, by the exact scale factor (Pillow's draft + resize with a box).
        var (newW, newH) = ResizedSize(image.FullWidth, image.FullHeight);
        var horizontal = ResampleWeights.Of(Options.Filter, image.Width, image.OriginX, (double)image.FullWidth / image.Reduction, newW, (newW - cropW) / 2, cropW);
        var vertical = ResampleWeights.Of(Options.Filter, image.Height, image.OriginY, (double)image.FullHeight / image.Reduction, newH, (newH - cropH) / 2, cropH);
        Resample(image, horizontal, vertical, destination);
    }

    /// <summary>
    /// Writes the input for the band of <paramref name="image"/>'s full-size rows from <paramref name="top"/>,
    /// <paramref name="rows"/> tall, squashed to the input size (a tile of a tall image; <see cref="ResizeMode.Squash"/> only).
    /// </summary>
    public void PreprocessRows(RgbaImage image, int top, int rows, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Options.TensorLength, nameof(destination));
        if (Options.Resize != ResizeMode.Squash || top < 0 || rows <= 0 || top + rows > image.FullHeight)
        {
            throw new ArgumentException($"a band of rows {top} to {top + rows} of {image.FullHeight}, squashed", nameof(rows));
        }

        var horizontal = ResampleWeights.Of(Options.Filter, image.Width, image.OriginX, (double)image.FullWidth / image.Reduction, Options.CropWidth, 0, Options.CropWidth);
        var vertical = ResampleWeights.Of(Options.Filter, image.Height, image.OriginY + ((double)top / image.Reduction), (double)rows / image.Reduction, Options.CropHeight, 0, Options.CropHeight);
        Resample(image, horizontal, vertical, destination);
    }

    private void Resample(RgbaImage image, ResampleWeights horizontal, ResampleWeights vertical, Span<float> destination)
    {
        // Pillow resamples rows first, rounding to bytes in between; only the rows the crop needs.
        // The intermediate keeps four bytes a pixel (alpha rides along unused) so one vector does a pixel.
        var cropW = horizontal.First.Length;
        var firstRow = vertical.First[0];
        var rowCount = vertical.First[^1] + vertical.Count[^1] - firstRow;
        var scratch = ArrayPool<byte>.Shared.Rent(rowCount * cropW * 4);
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

    private static unsafe void ResampleRows(RgbaImage image, ResampleWeights weights, int firstRow, int rowCount, byte[] output)
    {
        var outWidth = weights.First.Length;
        fixed (byte* pixels = image.Pixels)
        fixed (byte* target = output)
        fixed (int* allWeights = weights.Weights)
        {
            for (var y = 0; y < rowCount; y++)
            {
                var row = pixels + ((long)(firstRow + y) * image.Width * 4);
                var outRow = (uint*)(target + ((long)y * outWidth * 4));
                for (var x = 0; x < outWidth; x++)
                {
                    outRow[x] = Filter(row + (weights.First[x] * 4), 4, allWeights + (x * weights.Taps), weights.Count[x]);
                }
            }
        }
    }

    private unsafe void ResampleColumns(byte[] rows, int width, int firstRow, ResampleWeights weights, Span<float> destination)
    {
        var plane = weights.First.Length * width;
        var stride = width * 4;
        var (red, blue) = Options.Bgr ? (2 * plane, 0) : (0, 2 * plane);
        fixed (byte* source = rows)
        fixed (int* allWeights = weights.Weights)
        fixed (float* lookup = _lookup)
        fixed (float* output = destination)
        {
            for (var y = 0; y < weights.First.Length; y++)
            {
                var top = source + ((long)(weights.First[y] - firstRow) * stride);
                var taps = allWeights + (y * weights.Taps);
                var count = weights.Count[y];
                var outRow = output + (y * width);
                for (var x = 0; x < width; x++)
                {
                    var rgba = Filter(top + (x * 4), stride, taps, count);
                    outRow[red + x] = lookup[(byte)rgba];
                    outRow[plane + x] = lookup[256 + (byte)(rgba >> 8)];
                    outRow[blue + x] = lookup[512 + (byte)(rgba >> 16)];
                }
            }
        }
    }

    /// <summary>
    /// One output pixel: the weighted sum of <paramref name="count"/> RGBA pixels <paramref name="step"/>
    /// bytes apart, in Pillow's 22-bit fixed point, rounded and clamped to bytes. All four channels go in
    /// one 128-bit vector; integer arithmetic makes the result identical to the scalar definition.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe uint Filter(byte* first, int step, int* taps, int count)
    {
        var sum = Vector128.Create(ResampleWeights.Half);
        for (var k = 0; k < count; k++, first += step)
        {
            var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(first)).AsByte();
            var pixel = Vector128.WidenLower(Vector128.WidenLower(bytes)).AsInt32();
            sum += pixel * taps[k];
        }

        var clamped = Vector128.Clamp(Vector128.ShiftRightArithmetic(sum, ResampleWeights.PrecisionBits), Vector128<int>.Zero, Vector128.Create(255));
        var narrowed = Vector128.Narrow(Vector128.Narrow(clamped, clamped).AsUInt16(), default);
        return narrowed.AsUInt32().ToScalar();
    }
}
