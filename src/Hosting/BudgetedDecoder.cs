using Retrieval.Imaging;

namespace Retrieval.Hosting;

/// <summary>
/// A decoder whose decodes share one memory budget: each reads its image's header, waits until the pixels it will
/// hold fit, decodes, hands the pixels over, and gives the memory back. The container holds two over the one
/// <see cref="MemoryBudget"/>, told apart by their keys: uploads (a tighter pixel limit) and thumbnails.
/// </summary>
public sealed class BudgetedDecoder(ImageDecoder decoder, MemoryBudget budget)
{
    /// <summary>The key of the decoder of uploaded images, within <see cref="ImagingOptions.MaxUploadPixels"/>.</summary>
    public const string Uploads = "uploads";

    /// <summary>The key of the decoder of library photos for their thumbnails, within <see cref="ImagingOptions.MaxPixels"/>.</summary>
    public const string Thumbnails = "thumbnails";

    /// <summary>Decodes <paramref name="encoded"/> (named <paramref name="name"/> in errors) for <paramref name="targetShortSide"/> once it fits, and returns what <paramref name="use"/> makes of the pixels.</summary>
    /// <exception cref="Errors.UnsupportedImageException">The image cannot be decoded, or is above the decoder's limits.</exception>
    public async Task<T> DecodeAsync<T>(ReadOnlyMemory<byte> encoded, string name, int targetShortSide, Func<RgbaImage, T> use, CancellationToken cancellationToken)
    {
        var bytes = decoder.DecodedBytes(encoded.Span, name, targetShortSide);
        using (await budget.AcquireAsync(bytes, cancellationToken).ConfigureAwait(false))
        {
            using var decoded = decoder.Decode(encoded.Span, name, targetShortSide);
            return use(decoded);
        }
    }
}
