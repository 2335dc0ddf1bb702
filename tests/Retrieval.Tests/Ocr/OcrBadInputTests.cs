using System.Diagnostics;
using Retrieval.Imaging;
using Retrieval.Models;
using Retrieval.Ocr;
using Retrieval.Testing;

namespace Retrieval.Tests.Ocr;

/// <summary>
/// Images that break naive OCR read without error in bounded memory: a 1170 × 25000 scrolling screenshot (tiled, its
/// text found along its whole length), a 1 × 5000 strip, an all-black image, a photo turned a quarter (its sign still read).
/// </summary>
[Collection(MemoryMeasuring.Name)]
public sealed class OcrBadInputTests : IDisposable
{
    private static readonly string Set = Path.Combine(RepositoryPaths.OcrSet, "images");
    private readonly PhotoTextReader _reader = PhotoTextReader.Open(new OcrModels(RepositoryPaths.OcrModels), new ModelOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 2 }, new OcrOptions());
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-ocr-bad-");

    public void Dispose()
    {
        _reader.Dispose();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public void ATallScrollingScreenshot_IsReadAlongItsWholeLength_InBoundedMemory()
    {
        // 19 screenshots of the set stacked: 750 × 25346, the words of each one at its own height.
        var shots = Directory.GetFiles(Set, "screenshot-*.png").Order(StringComparer.Ordinal).Take(19).ToList();
        var tall = Path.Combine(_folder.FullName, "tall.png");
        Stack(shots, tall);
        var decoder = new ImageDecoder(new ImagingOptions());
        using var image = decoder.DecodeFile(tall);
        Assert.True(image.FullHeight > 25_000);
        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var lines = _reader.Read(image, TestContext.Current.CancellationToken);
        var grown = Process.GetCurrentProcess().PeakWorkingSet64 - before;
        TestContext.Current.SendDiagnosticMessage($"1 tall screenshot {image.FullWidth} x {image.FullHeight}: {lines.Count} lines, peak memory +{grown / 1e6:0} MB");
        // Each stacked screenshot has its "Booking reference" line: found in every part, top to bottom.
        var bookings = lines.Where(l => l.Text.Contains("Booking", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(bookings.Count >= 17, $"{bookings.Count} of 19 booking lines");
        Assert.True(bookings.Zip(bookings.Skip(1)).All(p => p.First.Box.Y0 < p.Second.Box.Y0), "lines are in reading order");
        Assert.True(grown < 600_000_000, $"peak memory grew {grown / 1e6:0} MB");
    }

    [Theory]
    [InlineData(1, 5000)]
    [InlineData(5000, 1)]
    [InlineData(640, 480)]
    public void AStripOrABlackImage_ReadsAsNoText(int width, int height)
    {
        var path = Path.Combine(_folder.FullName, $"black-{width}x{height}.png");
        File.WriteAllBytes(path, TestPng.AllZero(width, height));
        using var image = new ImageDecoder(new ImagingOptions()).DecodeFile(path);
        Assert.Empty(_reader.Read(image, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void APhotoTurnedAQuarter_StillHasItsSignRead()
    {
        var photo = Path.Combine(_folder.FullName, "turned.png");
        Turn(Path.Combine(Set, "sign-00-ristorante.jpg"), photo);
        using var image = new ImageDecoder(new ImagingOptions()).DecodeFile(photo);
        var lines = _reader.Read(image, TestContext.Current.CancellationToken);
        Assert.Contains(lines, l => l.Text.Contains("Ristorante", StringComparison.OrdinalIgnoreCase));
    }

    private static void Stack(IReadOnlyList<string> files, string target)
    {
        var bitmaps = files.Select(f => SkiaSharp.SKBitmap.Decode(f)).ToList();
        using var tall = new SkiaSharp.SKBitmap(bitmaps.Max(b => b.Width), bitmaps.Sum(b => b.Height));
        using (var canvas = new SkiaSharp.SKCanvas(tall))
        {
            var y = 0;
            foreach (var bitmap in bitmaps)
            {
                using var shot = SkiaSharp.SKImage.FromBitmap(bitmap);
                canvas.DrawImage(shot, 0, y, SkiaSharp.SKSamplingOptions.Default);
                y += bitmap.Height;
                bitmap.Dispose();
            }
        }

        Save(tall, target);
    }

    private static void Turn(string source, string target)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(source);
        using var turned = new SkiaSharp.SKBitmap(bitmap.Height, bitmap.Width);
        using (var canvas = new SkiaSharp.SKCanvas(turned))
        {
            canvas.Translate(turned.Width, 0);
            canvas.RotateDegrees(90);
            using var photo = SkiaSharp.SKImage.FromBitmap(bitmap);
            canvas.DrawImage(photo, 0, 0, SkiaSharp.SKSamplingOptions.Default);
        }

        Save(turned, target);
    }

    private static void Save(SkiaSharp.SKBitmap bitmap, string target)
    {
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(target, data.ToArray());
    }
}
