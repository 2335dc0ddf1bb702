using Retrieval.Hosting;
using Retrieval.Indexing;
using Retrieval.Imaging;
using Retrieval.Models;
using Retrieval.Ocr;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Ocr;

/// <summary>
/// Photos indexed without their text read (before OCR existed, or with <c>--no-ocr</c>) are read by the next run with
/// OCR on, once; a run after that reads nothing again.
/// </summary>
public sealed class OcrLaterTests : IDisposable
{
    private readonly IndexFixture _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task APhotoIndexedWithoutOcr_IsReadByTheNextRunWithIt_AndOnlyThen()
    {
        TestFiles.CopyNamed(Path.Combine(RepositoryPaths.OcrSet, "images"), _index.Photos, ["sign-00-ristorante.jpg", "chinese-00-light.png"]);
        using var model = TestModels.Tiny(threads: 2);
        using var reader = PhotoTextReader.Open(new OcrModels(RepositoryPaths.OcrModels), new ModelOptions { Device = ExecutionDevice.Cpu }, new OcrOptions());

        Assert.Equal((2, 0), await RunAsync(model, null));
        Assert.Empty(Text());
        Assert.Equal((2, 2), await RunAsync(model, reader));
        Assert.Contains(Text(), line => line.Contains("Ristorante", StringComparison.Ordinal));
        Assert.Equal((0, 0), await RunAsync(model, reader));
    }

    private async Task<(int Embedded, int WithText)> RunAsync(ClipModel model, PhotoTextReader? reader)
    {
        var counts = await _index.IndexWithAsync(StandardAnalyzers.For(model, IndexFixture.Options(), reader));
        return (counts.Embedded, counts.TallyOf(TextReadingAnalyzer.Tally));
    }

    private List<string> Text()
    {
        using var index = _index.Backend.OpenForReading();
        var ids = index.Catalog.SearchableIds(new Retrieval.Catalog.PhotoFilter()).ToList();
        return [.. index.Catalog.TextOf(ids).Values.SelectMany(lines => lines).Select(l => l.Text)];
    }
}
