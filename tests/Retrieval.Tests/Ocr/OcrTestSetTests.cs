using System.Diagnostics;
using System.Text.Json;
using Retrieval.Hosting;
using Retrieval.Indexing;
using Retrieval.Imaging;
using Retrieval.Models;
using Retrieval.Ocr;
using Retrieval.Search;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Ocr;

/// <summary>
/// The OCR test set (tests/ocr-set/build.py: phone screenshots in five fonts and four sizes, light and dark; real photos
/// with a sign pasted in, slightly rotated; Chinese chat screenshots; photos without text), indexed through the real
/// pipeline with OCR on, each word searched by keyword as <c>retrieval search WORD --mode keyword</c> searches: the
/// photo holding it in the top 3 for at least 95 % of screenshot words, 85 % of sign words, 90 % of Chinese words,
/// and no photo found for a word it does not hold.
/// </summary>
public sealed class OcrTestSetTests : IDisposable
{
    private static readonly string Set = RepositoryPaths.OcrSet;
    private readonly IndexFixture _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task EveryKindOfTextIsFound_AndNothingElse()
    {
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Set, "manifest.json"))).RootElement.GetProperty("images").EnumerateArray()
            .Select(i => (File: i.GetProperty("file").GetString()!, Kind: i.GetProperty("kind").GetString()!, Words: i.GetProperty("words").EnumerateArray().Select(w => w.GetString()!).ToList()))
            .ToList();
        TestFiles.CopyTree(Path.Combine(Set, "images"), Path.Combine(_index.Photos, "set"));
        using var model = TestModels.Tiny(threads: 2);
        using var reader = PhotoTextReader.Open(new OcrModels(RepositoryPaths.OcrModels), new ModelOptions { Device = ExecutionDevice.Cpu }, new OcrOptions());
        var clock = Stopwatch.StartNew();
        var counts = await _index.IndexWithAsync(StandardAnalyzers.For(model, IndexFixture.Options(), reader));
        Assert.Equal(0, counts.Failed);

        TestContext.Current.SendDiagnosticMessage($"indexed {manifest.Count} photos with OCR in {clock.Elapsed.TotalSeconds:0.0} s");
        using var index = _index.Backend.OpenForReading();
        var searcher = new PhotoSearcher(index, new SearchOptions());
        var found = new Dictionary<string, (int Held, int Found)>();
        var wrong = new List<string>();
        foreach (var (file, kind, words) in manifest)
        {
            foreach (var word in words)
            {
                var results = await searcher.SearchAsync(new SearchRequest { Query = QueryParser.Parse(word), Mode = SearchMode.Keyword, K = 3 }, TestContext.Current.CancellationToken);
                var names = results.Hits.Select(h => Path.GetFileName(h.Path)).ToList();
                var (held, hit) = found.GetValueOrDefault(kind);
                found[kind] = (held + 1, hit + (names.Contains(file) ? 1 : 0));
                // Every photo found must hold the word (the same word may be in more than one of them).
                wrong.AddRange(names.Where(n => !manifest.Any(m => m.File == n && m.Words.Contains(word))).Select(n => $"'{word}' found {n}"));
                if (!names.Contains(file))
                {
                    TestContext.Current.SendDiagnosticMessage($"missed '{word}' in {file}: {string.Join(", ", names)}");
                }
            }
        }

        foreach (var (kind, (held, hit)) in found)
        {
            TestContext.Current.SendDiagnosticMessage($"{kind}: {hit} of {held} words found in the top 3 ({100.0 * hit / held:0.0} %)");
        }

        Assert.Empty(wrong);
        Assert.True(found["screenshot"].Found >= 0.95 * found["screenshot"].Held, $"screenshots {found["screenshot"]}");
        Assert.True(found["sign"].Found >= 0.85 * found["sign"].Held, $"signs {found["sign"]}");
        Assert.True(found["chinese"].Found >= 0.90 * found["chinese"].Held, $"Chinese {found["chinese"]}");
    }
}
