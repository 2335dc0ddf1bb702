using Retrieval.Catalog;
using Retrieval.Duplicates;
using Retrieval.Search;
using Retrieval.Testing;

namespace Retrieval.Tests.Indexing;

/// <summary>
/// The files a camera or a phone makes of one shot — a RAW beside its JPEG, an iPhone edit beside its original — indexed
/// through the real pipeline: one photo with its companion files, never near-duplicates of each other.
/// </summary>
public sealed class CompanionFilesTests : IDisposable
{
    private readonly IndexFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    private static string FormatFile(string folder, string name) => Path.Combine(RepositoryPaths.Root, "tests", "formats-set", folder, name);

    [Fact]
    public async Task RawBesideJpeg_AndIphoneEdit_AreOnePhotoEach_WithTheirFiles_AndNoNearDuplicates()
    {
        var (jpeg, raw) = WriteRawPair("camera", "IMG_0042.JPG", "IMG_0042.dng");
        var phone = Directory.CreateDirectory(Path.Combine(_fixture.Photos, "phone")).FullName;
        var original = Path.Combine(phone, "IMG_0050.HEIC");
        var edit = Path.Combine(phone, "IMG_E0050.HEIC");
        File.Copy(FormatFile("files", "heic-8bit.heic"), original);
        File.WriteAllBytes(edit, [.. File.ReadAllBytes(original), 0]); // the edit's bytes differ, its pixels do not
        var unrelated = _fixture.CopyPhotos(IndexFixture.CocoImages, "other", 1)[0];
        using var model = TestModels.Tiny();

        var run = await _fixture.IndexAsync(model);
        Assert.Equal((5, 5, 2, 0), (run.Found, run.Added, run.Companions, run.Failed));
        using (var index = _fixture.Backend.OpenForReading())
        {
            var counts = index.Catalog.Counts();
            Assert.Equal((3L, 2L, 0L, 0L), (counts.Indexed, counts.Companions, counts.Pending, counts.Duplicates));
            Assert.Equal(3, await index.Keywords.CountAsync(_ct));
            Assert.Equal(3, await index.Collection(Embedding.EmbeddingCollections.Images)!.Vectors.CountAsync(_ct));
            Assert.Equal([raw], index.Catalog.CompanionsOf(index.Catalog.PhotoIdsUnder(jpeg).Single()));
            Assert.Equal([original], index.Catalog.CompanionsOf(index.Catalog.PhotoIdsUnder(edit).Single()));
            Assert.Empty(index.Catalog.CompanionsOf(index.Catalog.PhotoIdsUnder(unrelated).Single()));

            // The RAW's and the original's pixels match their photos', yet the report leaves them out: they have no signature.
            Assert.Empty(await LibraryDuplicates.FindAsync(index, new NearDuplicateOptions(), near: true, _ct));
            var hits = (await new PhotoSearcher(index, new SearchOptions()).SearchAsync(Keywords("0042"), _ct)).Hits;
            Assert.Equal([jpeg], hits.Select(h => h.Path));
        }

        // The JPEG goes: the RAW is the photo, analysed and searchable after the next run; the edit going frees its original.
        File.Delete(jpeg);
        File.Delete(edit);
        var after = await _fixture.IndexAsync(model);
        Assert.Equal((2, 2), (after.Removed, after.Embedded));
        using (var index = _fixture.Backend.OpenForReading())
        {
            var counts = index.Catalog.Counts();
            Assert.Equal((3L, 0L), (counts.Indexed, counts.Companions));
            Assert.Equal(3, await index.Collection(Embedding.EmbeddingCollections.Images)!.Vectors.CountAsync(_ct));
            var hits = (await new PhotoSearcher(index, new SearchOptions()).SearchAsync(Keywords("0042"), _ct)).Hits;
            Assert.Equal([raw], hits.Select(h => h.Path));
        }
    }

    [Fact]
    public async Task PairRenamedTogether_StaysOnePhoto_WithNothingAnalysedAgain()
    {
        var (jpeg, raw) = WriteRawPair("camera", "IMG_0042.JPG", "IMG_0042.dng");
        using var model = TestModels.Tiny();
        await _fixture.IndexAsync(model);

        var renamedJpeg = Path.Combine(Path.GetDirectoryName(jpeg)!, "IMG_0043.jpeg");
        var renamedRaw = Path.Combine(Path.GetDirectoryName(raw)!, "IMG_0043.DNG");
        File.Move(jpeg, renamedJpeg);
        File.Move(raw, renamedRaw);
        var run = await _fixture.IndexAsync(model);
        Assert.Equal((2, 0), (run.Moved, run.Embedded));
        using var index = _fixture.Backend.OpenForReading();
        Assert.Equal((1L, 1L), (index.Catalog.Counts().Indexed, index.Catalog.Counts().Companions));
        Assert.Equal([renamedRaw], index.Catalog.CompanionsOf(index.Catalog.PhotoIdsUnder(renamedJpeg).Single()));
    }

    [Fact]
    public async Task RawAndItsRendering_UnderUnrelatedNames_AreNearDuplicates()
    {
        // What the pair above would be without pairing: the same shot twice, which the near-duplicate report finds.
        var (jpeg, raw) = WriteRawPair("elsewhere", "holiday.JPG", "DSC_0042.dng");
        using var model = TestModels.Tiny();
        await _fixture.IndexAsync(model);

        using var index = _fixture.Backend.OpenForReading();
        Assert.Equal(2L, index.Catalog.Counts().Indexed);
        var pair = Assert.Single(await LibraryDuplicates.FindAsync(index, new NearDuplicateOptions(), near: true, _ct));
        Assert.Equal(new[] { jpeg, raw }.Order(), new[] { pair.Path, pair.Original }.Order());
    }

    // A DNG and the camera's rendering of it (its preview's pixels, as a PNG under a .JPG name: the decoder goes by content).
    private (string Jpeg, string Raw) WriteRawPair(string folder, string jpegName, string rawName)
    {
        var target = Directory.CreateDirectory(Path.Combine(_fixture.Photos, folder)).FullName;
        var (jpeg, raw) = (Path.Combine(target, jpegName), Path.Combine(target, rawName));
        File.Copy(FormatFile("references", "dng-preview.png"), jpeg);
        File.Copy(FormatFile("files", "dng-preview.dng"), raw);
        return (jpeg, raw);
    }

    private static SearchRequest Keywords(string words) =>
        new() { Query = new ParsedQuery { Text = words }, Mode = SearchMode.Keyword, K = 10 };
}
