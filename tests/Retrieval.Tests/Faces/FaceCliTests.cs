using System.Text.RegularExpressions;
using Retrieval.Catalog;
using Retrieval.Faces;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Faces;

/// <summary>
/// <c>retrieval index</c> finds the faces of a library (its photos and the scene frames of its video) and says how many;
/// each is an item of the <c>faces</c> collection with its payload and vector. <c>--no-faces</c> finds none, and the next
/// run with faces looks at those photos once; a library without faces indexes with none and no error.
/// </summary>
public sealed partial class FaceCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-faces-cli-");

    private string Photos => Path.Combine(_folder.FullName, "photos");

    private string Db => Path.Combine(_folder.FullName, "db");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Index_FindsTheFacesOfPhotosAndVideoFrames_AndSaysHowMany()
    {
        VideoSet.RequireFfmpeg();
        TestFiles.Copy(FaceSet.Photos, Photos);
        TestFiles.CopyNamed(FaceSet.Derived, Photos, ["person.mp4"]);

        var found = await IndexAsync();

        var faces = await FacesAsync();
        Assert.Equal(faces.Count, found);
        Assert.Equal(faces.Count, faces.Count(f => f.Vector));
        // The photos' faces of 32 pixels or more, as the original finds them; the video's on its first and third scenes.
        var large = FaceSet.Reference.Where(r => r.Key.StartsWith("photos/", StringComparison.Ordinal)).Sum(r => r.Value.Count(f => f.Box.ShortSide >= new FaceOptions().MinFaceSize));
        Assert.Equal(large, faces.Count(f => f.Item.At is null));
        var frames = faces.Where(f => f.Item.At is not null).ToList();
        Assert.Equal([0.0, 4.0], frames.Select(f => Math.Round(f.Item.At!.Value)).Distinct().Order());
        // In the video's own pixels (its frames are read smaller): the large face where the photo has it.
        var photoFace = FaceSet.Reference["photos/000000256353.jpg"][2].Box;
        Assert.Contains(frames, f => Math.Abs(f.Item.Box.X - photoFace.X) < 4 && Math.Abs(f.Item.Box.Width - photoFace.Width) < 6);
    }

    [Fact]
    public async Task IndexWithNoFaces_FindsNone_AndTheNextRunWithFacesLooksAtThosePhotosOnce()
    {
        TestFiles.CopyNamed(FaceSet.Photos, Photos, ["000000256353.jpg", "000000062554.jpg"]);

        Assert.Equal(0, await IndexAsync("--no-faces"));
        Assert.Empty(await FacesAsync());
        Assert.Equal(2, await IndexAsync());
        Assert.Equal(2, (await FacesAsync()).Count);

        var (exit, stdout, stderr) = await IndexCliAsync();
        Assert.True(exit == 0, stderr);
        Assert.Contains("Embedded 0 photos", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALibraryWithoutFaces_IndexesWithNoFacesAndNoError_AndIsNotLookedAtAgain()
    {
        TestFiles.CopyNamed(FaceSet.Photos, Photos, ["000000062554.jpg", "000000078499.jpg"]);

        Assert.Equal(0, await IndexAsync());
        Assert.Empty(await FacesAsync());
        var (exit, stdout, stderr) = await IndexCliAsync();
        Assert.True(exit == 0, stderr);
        Assert.Contains("Embedded 0 photos", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFaceSettingOutOfItsBounds_StopsTheRunWithExitCode2_NamingIt()
    {
        Directory.CreateDirectory(Photos);
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["index", Photos, "--db", Db, "--device", "cpu"],
            new Dictionary<string, string?> { ["Retrieval__Faces__MaxFacesPerPhoto"] = "0" });
        Assert.Equal(2, exit);
        Assert.Contains("MaxFacesPerPhoto", stderr, StringComparison.Ordinal);
    }

    /// <summary>One index run; the faces its summary says it found (none when it says nothing of faces).</summary>
    private async Task<int> IndexAsync(params string[] flags)
    {
        var (exit, stdout, stderr) = await IndexCliAsync(flags);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Contains("0 failed", stdout, StringComparison.Ordinal);
        return FacesFound().Match(stdout) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> IndexCliAsync(params string[] flags) =>
        ChildProcess.RunCliAsync(["index", Photos, "--db", Db, "--device", "cpu", "--no-ocr", .. flags]);

    /// <summary>Every item of the faces collection: its payload read back, and whether its vector is stored.</summary>
    private async Task<List<(FaceItem Item, bool Vector)>> FacesAsync()
    {
        using var index = IndexFixture.BackendAt(Db).OpenForReading();
        var faces = new List<(FaceItem, bool)>();
        var vectors = index.Collection(FaceAnalyzer.Collection);
        foreach (var photo in index.Catalog.SearchableIds(PhotoFilter.None))
        {
            var items = index.Catalog.ItemsOfPhotos(new CollectionKind(FaceAnalyzer.Collection, 128, "any", onePerPhoto: false), [photo]).GetValueOrDefault(photo) ?? [];
            foreach (var (id, payload) in index.Catalog.Items(FaceAnalyzer.Collection, items))
            {
                var stored = vectors is not null && await vectors.Vectors.GetVectorAsync(id, TestContext.Current.CancellationToken) is not null;
                faces.Add((FaceItem.FromPayload(payload.Payload) ?? throw new InvalidDataException($"item {id}: '{payload.Payload}' is no face"), stored));
            }
        }

        return faces;
    }

    [GeneratedRegex(@"; ([0-9,]+) faces? found")]
    private static partial Regex FacesFound();
}
