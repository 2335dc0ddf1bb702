using Retrieval.Errors;
using Retrieval.Imaging;

namespace Retrieval.Tests.Formats;

/// <summary>
/// The hostile files of the format set (<c>tests/formats-set/hostile</c>): each refused with a one-line reason naming
/// the file — or, a JPEG named <c>.heic</c>, decoded as the JPEG it is — and none reaching a coder that could read
/// other files or run a program.
/// </summary>
public sealed class HostileFormatTests
{
    private static readonly ImageDecoder Decoder = new(new ImagingOptions());

    public static TheoryData<string, string> Refused => new()
    {
        { "truncated-60pct.heic", "HEIC image cannot be decoded" },
        { "svg-named.heic", "not a photo format the engine reads" },
        { "mvg-named.heic", "not a photo format the engine reads" },
        { "ps-named.heic", "not a photo format the engine reads" },
        { "grid-gigapixel.heic", "HEIC image cannot be decoded: Invalid input: Security limit" }, // libheif's own limits, from the header
        { "grid-900mp.heic", "HEIC image cannot be decoded: Invalid input: Security limit" },
        { "ispe-gigapixel.heic", "40000x40000 is 1600 megapixels, above the limit" }, // the engine's, from the declared size
        { "ispe-900mp.heic", "above the limit" },
        { "psd-30000.psd", "above the limit" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void AHostileFile_IsRefused_WithItsReason(string file, string reason)
    {
        var path = Path.Combine(FormatSet.Hostile, file);
        var error = Assert.Throws<UnsupportedImageException>(() => Decoder.DecodeFile(path).Dispose());
        Assert.Equal(path, error.Source);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Reason);
        // Nothing of libheif's temporary copy or its error codes reaches the reader.
        Assert.DoesNotContain("magick-", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\(\d+\.\d+\)|  ", error.Reason);
    }

    [Fact]
    public void AJpegNamedHeic_IsDecodedAsTheJpegItIs()
    {
        using var image = Decoder.DecodeFile(Path.Combine(FormatSet.Hostile, "jpeg-named.heic"));
        Assert.Equal(("jpeg", 640, 422), (image.Format, image.Width, image.Height));
    }

    [Theory]
    [InlineData("tiff-10000-pages.tif")]
    [InlineData("tiff-ifd-loop.tif")]
    public void ATiffWithEndlessPages_IsReadByItsFirstPage(string file)
    {
        using var image = Decoder.DecodeFile(Path.Combine(FormatSet.Hostile, file));
        Assert.True(image.Width >= 1 && image.Height >= 1);
    }

    [Theory]
    [InlineData("dng-preview-zeroed-middle.dng")]
    [InlineData("dng-preview-no-header.dng")]
    public void ARawWithABrokenPreview_IsStillRead(string file)
    {
        // The preview's bytes decode to garbage, or not at all: the sensor data is demosaiced then, or the garbage shown.
        using var image = Decoder.DecodeFile(Path.Combine(FormatSet.Hostile, file));
        Assert.Equal((480, 392), (image.Width, image.Height));
    }
}
