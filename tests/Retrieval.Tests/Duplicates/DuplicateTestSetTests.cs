using System.Diagnostics;
using System.Globalization;
using Retrieval.Duplicates;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Duplicates;

/// <summary>
/// The near-duplicate test set indexed through the real pipeline (the check as photos arrive), then the full pass of
/// <c>retrieval status --duplicates --near</c> at the default threshold: every edited copy in its original's group, no
/// two distinct photos (burst shots, the same place later, and 1,041 real photos) grouped. The threshold's curve is
/// printed for the README.
/// </summary>
public sealed class DuplicateTestSetTests : IDisposable
{
    private readonly IndexFixture _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task EveryEditedCopyIsFound_AndNoDistinctPhotosArePaired()
    {
        var set = DuplicateTestSet.Load();
        var photos = set.CopyTo(_index.Photos, SharedData.Require("datasets"));
        using var model = TestModels.Tiny(threads: 2);
        var clock = Stopwatch.StartNew();
        var counts = await _index.IndexAsync(model);
        Assert.Equal(0, counts.Failed);
        // As they were indexed, every photo of a shot but the first indexed was found to repeat one before it.
        Assert.Equal(set.Copies.Count, counts.TallyOf(PixelSignatureAnalyzer.NearDuplicatesTally));

        TestContext.Current.SendDiagnosticMessage($"indexed {photos} photos in {clock.Elapsed.TotalSeconds:0.0} s");
        using var index = _index.Backend.OpenForReading();
        foreach (var threshold in (float[])[0.7f, 0.8f, 0.85f, 0.9f, 0.92f, 0.94f, 0.96f])
        {
            clock.Restart();
            var found = await LibraryDuplicates.FindAsync(index, new NearDuplicateOptions { MinSimilarity = threshold }, near: true, TestContext.Current.CancellationToken);
            var (paired, wrong) = Score(set, found);
            TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture,
                $"threshold {threshold:0.00}: recall {paired}/{set.Copies.Count} = {(double)paired / set.Copies.Count:0.000}, " +
                $"precision {found.Count - wrong}/{found.Count} = {(found.Count == 0 ? 1 : (double)(found.Count - wrong) / found.Count):0.000} ({clock.ElapsedMilliseconds} ms)"));
            if (threshold == new NearDuplicateOptions().MinSimilarity)
            {
                Assert.Equal(set.Copies.Count, paired);
                Assert.Equal(0, wrong);
                Assert.All(found, d => Assert.Equal(DuplicatePhoto.Near, d.Kind));
                Assert.All(found, d => Assert.InRange(d.Similarity, threshold, 1.0001f));
            }
        }
    }

    /// <summary>How many copies share their original's group, and how many entries group two distinct shots.</summary>
    private static (int Paired, int Wrong) Score(DuplicateTestSet set, IReadOnlyList<DuplicatePhoto> found)
    {
        var groupOf = found.ToDictionary(d => Path.GetFileName(d.Path), d => Path.GetFileName(d.Original));
        string Group(string name) => groupOf.GetValueOrDefault(name, name);
        var paired = set.Copies.Count(c => Group(c.Copy) == Group(c.Original));
        var wrong = found.Count(d => set.ShotOf(Path.GetFileName(d.Path)) != set.ShotOf(Path.GetFileName(d.Original)));
        return (paired, wrong);
    }
}
