using Retrieval.Testing;
using Retrieval.Errors;
using Retrieval.Imaging;
using SkiaSharp;

namespace Retrieval.Tests.Imaging;

public sealed class ImageDecoderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-images-");
    private readonly ImageDecoder _decoder = new(new ImagingOptions());

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void SamplePhoto_DecodesAtFullSize()
    {
        var photo = PhotoMosaic.SamplePhotos()[0];
        using var image = _decoder.DecodeFile(photo);
        using var reference = SKBitmap.Decode(photo);
        Assert.Equal((reference.Width, reference.Height), (image.Width, image.Height));
    }

    [Fact]
    public void EmptyFile_ThrowsNamingTheFile()
    {
        var path = Write("empty.jpg", []);
        AssertRefused(path, "empty");
    }

    [Fact]
    public void TextFile_ThrowsNamingTheFile()
    {
        var path = Write("notes.jpg", "this is not a photo"u8.ToArray());
        AssertRefused(path, "not a photo format the engine reads");
    }

    [Fact]
    public void FileAboveTheSizeLimit_IsRefusedBeforeItIsRead()
    {
        var path = Path.Combine(_folder.FullName, "huge.jpg");
        File.Copy(PhotoMosaic.SamplePhotos()[0], path);
        var decoder = new ImageDecoder(new ImagingOptions { MaxFileBytes = 100_000 });
        var error = Assert.Throws<UnsupportedImageException>(() => decoder.DecodeFile(path).Dispose());
        Assert.Equal(path, error.Source);
        Assert.Contains("above the limit of 0.1 MB", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_ThrowsNamingIt() => AssertRefused(Directory.CreateDirectory(Path.Combine(_folder.FullName, "folder.jpg")).FullName, "");

    [Fact]
    public void MissingFile_ThrowsNamingTheFile() => AssertRefused(Path.Combine(_folder.FullName, "nowhere.jpg"), "does not exist");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TruncatedJpeg_ThrowsNamingTheFile(bool useTurboJpeg)
    {
        var bytes = File.ReadAllBytes(PhotoMosaic.SamplePhotos()[1]);
        var path = Write("cut.jpg", bytes[..(bytes.Length / 3)]);
        var decoder = new ImageDecoder(new ImagingOptions { UseTurboJpeg = useTurboJpeg });
        var error = Assert.Throws<UnsupportedImageException>(() => decoder.DecodeFile(path, 224).Dispose());
        Assert.StartsWith($"Cannot read image '{path}': the file is truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TurboJpeg_IsInstalledOnCi()
    {
        // .ci/run installs libturbojpeg0 so that CI exercises the accelerated path; elsewhere it is optional.
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.True(TurboJpeg.IsAvailable, "libturbojpeg is not loadable on CI");
        }
        else
        {
            Assert.SkipUnless(TurboJpeg.IsAvailable, "libturbojpeg is not installed (apt-get install libturbojpeg0)");
        }

        using var viaTurbo = new ImageDecoder(new ImagingOptions { UseTurboJpeg = true }).DecodeFile(PhotoMosaic.SamplePhotos()[0]);
        using var viaSkia = new ImageDecoder(new ImagingOptions { UseTurboJpeg = false }).DecodeFile(PhotoMosaic.SamplePhotos()[0]);
        Assert.True(viaTurbo.Pixels.SequenceEqual(viaSkia.Pixels), "TurboJPEG and SkiaSharp decoded different pixels");
    }

    [Theory]
    [InlineData(100, 100, 1)]   // not a size libjpeg can scale 640 x 422 to: TurboJPEG would pick 1/8 and write 80 x 53
    [InlineData(320, 211, 1)]   // the 1/2 size, but claimed as a full decode
    [InlineData(320, 212, 2)]   // 1/2 of 640 x 422 is 320 x 211
    public void TurboJpeg_SizeItCannotDecodeExactly_DecodesNothing(int width, int height, int reduction)
    {
        Assert.SkipUnless(TurboJpeg.IsAvailable, "libturbojpeg is not installed (apt-get install libturbojpeg0)");
        var photo = PhotoMosaic.SamplePhotos()[0];
        using var image = new RgbaImage(width, height, 640, 422, reduction);
        image.Pixels.Fill(0xAB);
        Assert.False(TurboJpeg.TryDecode(File.ReadAllBytes(photo), image, out var failure), "TurboJPEG decoded at a size it was not asked for");
        Assert.Null(failure);
        Assert.True(image.Pixels.IndexOfAnyExcept((byte)0xAB) < 0, "pixels were written");
    }

    [Fact]
    public void TurboJpeg_ReducedSizeAsLibjpegRoundsIt_Decodes()
    {
        Assert.SkipUnless(TurboJpeg.IsAvailable, "libturbojpeg is not installed (apt-get install libturbojpeg0)");
        using var image = new RgbaImage(80, 53, 640, 422, 8);
        Assert.True(TurboJpeg.TryDecode(File.ReadAllBytes(PhotoMosaic.SamplePhotos()[0]), image, out var failure));
        Assert.Null(failure);
    }

    [Fact]
    public void CorruptJpegHeader_ThrowsNamingTheFile()
    {
        var bytes = File.ReadAllBytes(PhotoMosaic.SamplePhotos()[2]);
        new Random(7).NextBytes(bytes.AsSpan(2, 400));
        AssertRefused(Write("corrupt.jpg", bytes), "damaged");
    }

    [Fact]
    public void CorruptPngData_ThrowsNamingTheFile()
    {
        // PNG chunks carry checksums, so damage inside the compressed data is caught.
        var bytes = ToPng(PhotoMosaic.SamplePhotos()[0]);
        new Random(7).NextBytes(bytes.AsSpan(200, 4000));
        var path = Write("corrupt.png", bytes);
        var error = Assert.Throws<UnsupportedImageException>(() => _decoder.DecodeFile(path).Dispose());
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredCanvasAboveLimit_IsRefusedBeforeDecoding()
    {
        // A valid 20000 x 20000 PNG header (400 megapixels) with almost no data: a decompression bomb.
        using var bitmap = new SKBitmap(20_000, 20_000, SKColorType.Gray8, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.Black);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 0);
        var path = Write("bomb.png", data.ToArray());
        AssertRefused(path, "above the limit");
    }

    [Fact]
    public void PixelLimit_IsConfigurable()
    {
        var decoder = new ImageDecoder(new ImagingOptions { MaxPixels = 1000 });
        var error = Assert.Throws<UnsupportedImageException>(() => decoder.DecodeFile(PhotoMosaic.SamplePhotos()[0]).Dispose());
        Assert.Contains("megapixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OddFileName_Decodes()
    {
        var path = Write("été 2024 — #1 (copy) 'quoted'.jpg", File.ReadAllBytes(PhotoMosaic.SamplePhotos()[3]));
        using var image = _decoder.DecodeFile(path);
        Assert.True(image.Width > 0);
    }

    [Fact]
    public void InMemoryUpload_DecodesAndNamesItselfInErrors()
    {
        using var image = _decoder.Decode(File.ReadAllBytes(PhotoMosaic.SamplePhotos()[0]), "upload.jpg");
        Assert.True(image.Width > 0);
        var error = Assert.Throws<UnsupportedImageException>(() => _decoder.Decode("GIF89a"u8, "upload.gif").Dispose());
        Assert.Contains("upload.gif", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SKEncodedOrigin.TopLeft)]
    [InlineData(SKEncodedOrigin.TopRight)]
    [InlineData(SKEncodedOrigin.BottomRight)]
    [InlineData(SKEncodedOrigin.BottomLeft)]
    [InlineData(SKEncodedOrigin.LeftTop)]
    [InlineData(SKEncodedOrigin.RightTop)]
    [InlineData(SKEncodedOrigin.RightBottom)]
    [InlineData(SKEncodedOrigin.LeftBottom)]
    public void ExifOrientation_TurnsEveryStoredLayoutUpright(SKEncodedOrigin origin)
    {
        // An upright 3 x 2 picture with six distinct pixels, stored as the orientation describes.
        uint[,] upright = { { 1, 2, 3 }, { 4, 5, 6 } };
        var stored = Store(upright, origin);
        using var image = new RgbaImage(stored.GetLength(1), stored.GetLength(0));
        var pixels = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(image.Pixels);
        for (var y = 0; y < stored.GetLength(0); y++)
        {
            for (var x = 0; x < stored.GetLength(1); x++)
            {
                pixels[(y * stored.GetLength(1)) + x] = stored[y, x];
            }
        }

        using var result = ExifOrientation.Apply(image, origin);
        Assert.Equal((3, 2), (result.Width, result.Height));
        var actual = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(result.Pixels).ToArray();
        Assert.Equal([1u, 2, 3, 4, 5, 6], actual);
    }

    private static uint[,] Store(uint[,] upright, SKEncodedOrigin origin)
    {
        // The inverse of what a viewer does: how a camera in each orientation lays the upright scene out.
        var (h, w) = (upright.GetLength(0), upright.GetLength(1));
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var stored = swap ? new uint[w, h] : new uint[h, w];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, w - 1 - x),
                    SKEncodedOrigin.RightBottom => (h - 1 - y, w - 1 - x),
                    SKEncodedOrigin.LeftBottom => (h - 1 - y, x),
                    _ => (x, y),
                };
                stored[sy, sx] = upright[y, x];
            }
        }

        return stored;
    }

    private static byte[] ToPng(string photo)
    {
        using var bitmap = SKBitmap.Decode(photo);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 6);
        return data.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private void AssertRefused(string path, string reason)
    {
        var error = Assert.Throws<UnsupportedImageException>(() => _decoder.DecodeFile(path, 224).Dispose());
        Assert.Equal(path, error.Source);
        Assert.StartsWith($"Cannot read image '{path}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message[$"Cannot read image '{path}': ".Length..], StringComparison.Ordinal);
    }
}
