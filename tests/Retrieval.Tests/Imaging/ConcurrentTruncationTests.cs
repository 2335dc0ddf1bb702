using System.Diagnostics;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Testing;
using SkiaSharp;

namespace Retrieval.Tests.Imaging;

/// <summary>
/// A photo rewritten or truncated by another process while it is decoded (a sync client, a camera card):
/// a decoder that memory-maps the file dies of SIGBUS when a mapped page vanishes. Every read must end as
/// pixels or as a typed error naming the file.
/// </summary>
public sealed class ConcurrentTruncationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-truncate-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task FilesTruncatedInALoopByAnotherProcess_DecodeOrFailTyped()
    {
        var sources = new List<string> { Path.Combine(_folder.FullName, "mosaic.jpg.src"), Path.Combine(_folder.FullName, "mosaic.png.src") };
        PhotoMosaic.Write(sources[0], 2400, 1800, PhotoMosaic.SamplePhotos());
        using (var bitmap = SKBitmap.Decode(PhotoMosaic.SamplePhotos()[0]))
        using (var png = bitmap.Encode(SKEncodedImageFormat.Png, 100))
        {
            File.WriteAllBytes(sources[1], png.ToArray());
        }

        var targets = sources.Select(s => s[..^".src".Length]).ToList();
        sources.ForEach(s => File.Copy(s, s[..^".src".Length]));
        // Rewrite each file, then cut it to a stub and to nothing, as fast as the shell can.
        var script = string.Concat(sources.Select((s, i) => $"cat '{s}' > '{targets[i]}'; truncate -s 4096 '{targets[i]}'; truncate -s 0 '{targets[i]}'; cat '{s}' > '{targets[i]}'; "));
        using var truncator = ChildProcess.Start("bash", ["-c", $"while :; do {script}done"]);
        var decoder = new ImageDecoder(new ImagingOptions());
        int decoded = 0, refused = 0;
        try
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(4) || refused == 0)
            {
                foreach (var target in targets)
                {
                    try
                    {
                        using var image = decoder.DecodeFile(target, 224);
                        decoded++;
                    }
                    catch (UnsupportedImageException e)
                    {
                        Assert.Equal(target, e.Source);
                        refused++;
                    }
                }

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no read ever saw a truncated file");
            }

            Assert.False(truncator.HasExited, "the truncating process stopped early");
        }
        finally
        {
            await truncator.KillAsync(); // bash and the cat or truncate it is running, or one of them writes on after the folder is gone
        }

        TestContext.Current.SendDiagnosticMessage($"files truncated under the decoder: {decoded} decoded, {refused} refused with a typed error");
        Assert.True(decoded > 0 && refused > 0, $"{decoded} decoded, {refused} refused");
    }
}
