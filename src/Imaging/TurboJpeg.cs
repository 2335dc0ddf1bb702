using System.Runtime.InteropServices;

namespace Retrieval.Imaging;

/// <summary>
/// The TurboJPEG API of libjpeg-turbo, when the machine has it (Debian and Ubuntu: libturbojpeg0 /
/// libturbojpeg). SkiaSharp's bundled libjpeg-turbo is built without SIMD; the system library decodes a
/// 12 MP photo several times faster, with bit-identical output (same accurate DCT, same upsampling).
/// TurboJPEG reports errors as return codes, never by unwinding native frames, so it is safe to call.
/// Signatures follow turbojpeg.h: <c>unsigned long</c> is <see cref="CULong"/> (32 bits on Windows).
/// </summary>
internal static unsafe class TurboJpeg
{
    private const int PixelFormatRgba = 7;
    private const int ErrorWarning = 0;
    private const int ColorspaceCmyk = 3;
    private const int ColorspaceYcck = 4;

    private static readonly Api? Functions = Load();

    /// <summary>Whether libturbojpeg was found and has every function used here.</summary>
    public static bool IsAvailable => Functions is not null;

    /// <summary>
    /// Decodes <paramref name="jpeg"/> to RGBA into <paramref name="image"/>, reading the header once. The
    /// image's size must be the stream's size at the image's <see cref="RgbaImage.Reduction"/>, as libjpeg
    /// rounds it. Returns false, decoding nothing, when TurboJPEG cannot make exactly that of it: CMYK and
    /// YCCK (which SkiaSharp handles), a header that disagrees with the size asked for, or no decompressor.
    /// Otherwise <paramref name="failure"/> is null on success, else libjpeg's message; warnings (a truncated
    /// or damaged stream that libjpeg would patch with grey) count as failures.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> jpeg, RgbaImage image, out string? failure)
    {
        var api = Functions ?? throw new InvalidOperationException("libturbojpeg is not available");
        failure = null;
        var handle = api.InitDecompress();
        if (handle == IntPtr.Zero)
        {
            return false;
        }

        try
        {
            fixed (byte* data = jpeg)
            fixed (byte* pixels = image.Pixels)
            {
                var length = new CULong((nuint)jpeg.Length);
                int width, height, subsampling, colorspace;
                if (api.DecompressHeader3(handle, data, length, &width, &height, &subsampling, &colorspace) != 0
                    || colorspace is ColorspaceCmyk or ColorspaceYcck
                    || !DecodesTo(width, height, image))
                {
                    return false;
                }

                if (api.Decompress2(handle, data, length, pixels, image.Width, image.Width * 4, image.Height, PixelFormatRgba, 0) == 0)
                {
                    return true;
                }
            }

            var message = Marshal.PtrToStringUTF8((IntPtr)api.GetErrorStr2(handle)) ?? "unknown error";
            failure = message.Contains("Premature end", StringComparison.Ordinal) ? $"the file is truncated ({message})"
                : api.GetErrorCode(handle) == ErrorWarning ? $"the image data is corrupt ({message})"
                : message;
            return true;
        }
        finally
        {
            api.Destroy(handle);
        }
    }

    /// <summary>
    /// Whether TurboJPEG, asked for <paramref name="image"/>'s size, decodes exactly that: it picks the largest
    /// scale that fits (<c>TJSCALED</c> rounds up), so the header must give the full size the image stands for.
    /// </summary>
    private static bool DecodesTo(int width, int height, RgbaImage image) =>
        width == image.FullWidth && height == image.FullHeight
        && (width + image.Reduction - 1) / image.Reduction == image.Width
        && (height + image.Reduction - 1) / image.Reduction == image.Height;

    private static Api? Load()
    {
        foreach (var name in (ReadOnlySpan<string>)["libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "turbojpeg"])
        {
            if (NativeLibrary.TryLoad(name, out var library))
            {
                return Api.TryCreate(library);
            }
        }

        return null;
    }

    private sealed class Api
    {
        public required delegate* unmanaged<IntPtr> InitDecompress { get; init; }

        public required delegate* unmanaged<IntPtr, byte*, CULong, int*, int*, int*, int*, int> DecompressHeader3 { get; init; }

        public required delegate* unmanaged<IntPtr, byte*, CULong, byte*, int, int, int, int, int, int> Decompress2 { get; init; }

        public required delegate* unmanaged<IntPtr, byte*> GetErrorStr2 { get; init; }

        public required delegate* unmanaged<IntPtr, int> GetErrorCode { get; init; }

        public required delegate* unmanaged<IntPtr, int> Destroy { get; init; }

        public static Api? TryCreate(IntPtr library)
        {
            IntPtr init, header, decompress, error, code, destroy;
            if (!NativeLibrary.TryGetExport(library, "tjInitDecompress", out init)
                || !NativeLibrary.TryGetExport(library, "tjDecompressHeader3", out header)
                || !NativeLibrary.TryGetExport(library, "tjDecompress2", out decompress)
                || !NativeLibrary.TryGetExport(library, "tjGetErrorStr2", out error)
                || !NativeLibrary.TryGetExport(library, "tjGetErrorCode", out code)
                || !NativeLibrary.TryGetExport(library, "tjDestroy", out destroy))
            {
                return null;
            }

            return new Api
            {
                InitDecompress = (delegate* unmanaged<IntPtr>)init,
                DecompressHeader3 = (delegate* unmanaged<IntPtr, byte*, CULong, int*, int*, int*, int*, int>)header,
                Decompress2 = (delegate* unmanaged<IntPtr, byte*, CULong, byte*, int, int, int, int, int, int>)decompress,
                GetErrorStr2 = (delegate* unmanaged<IntPtr, byte*>)error,
                GetErrorCode = (delegate* unmanaged<IntPtr, int>)code,
                Destroy = (delegate* unmanaged<IntPtr, int>)destroy,
            };
        }
    }
}
