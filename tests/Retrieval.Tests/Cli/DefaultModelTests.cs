using Retrieval.Testing;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Cli;

/// <summary>
/// The shipped default model (data/models/minilm-mobilenetv2), through the real program: the recall it was
/// released with, a concept only its ImageNet side knows, and the automatic tags that make uncaptioned photos
/// findable by keyword.
/// </summary>
public sealed class DefaultModelTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-default-model-");

    private string Db => Path.Combine(_folder.FullName, "index");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Eval_MeetsTheReleasedRecall_OnFlickr8kTestAndCoco()
    {
        var split = Path.Combine(Path.GetDirectoryName(IndexFixture.FlickrCaptions)!, "test.txt");
        var flickr = await EvalAsync(["--images", IndexFixture.FlickrImages, "--captions", IndexFixture.FlickrCaptions, "--split", split]);
        Assert.Equal(125, flickr.GetProperty("photos").GetInt32());
        Assert.Equal(625, flickr.GetProperty("captions").GetInt32());
        AssertAtLeast(flickr, "textToImage", "recallAt1", 28);
        AssertAtLeast(flickr, "textToImage", "recallAt10", 76);
        AssertAtLeast(flickr, "imageToText", "recallAt1", 28);
        AssertAtLeast(flickr, "imageToText", "recallAt10", 75);

        var coco = await EvalAsync(["--images", IndexFixture.CocoImages, "--captions", IndexFixture.CocoCaptions]);
        AssertAtLeast(coco, "textToImage", "recallAt10", 90);
        AssertAtLeast(coco, "imageToText", "recallAt10", 85);
    }

    [Fact]
    public async Task AConceptAbsentFromEveryFlickrCaption_FindsTheCocoPhotosOfIt()
    {
        // Nothing the heads were trained on says "broccoli"; the ImageNet side of the model knows it.
        Assert.DoesNotContain(File.ReadLines(IndexFixture.FlickrCaptions), line => line.Contains("broccoli", StringComparison.OrdinalIgnoreCase));
        var expected = CocoPhotosWhoseCaptionsSay("broccoli");
        Assert.Equal(2, expected.Count);

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", IndexFixture.CocoImages, "--db", Db, "--device", "cpu"]);
        Assert.True(exit == 0, $"{stdout}\n{stderr}");
        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", "broccoli", "--db", Db, "--device", "cpu", "--mode", "vector", "--k", "2", "--json"]);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var found = json.RootElement.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).ToHashSet();
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task AutoTags_MakeUncaptionedPhotosFindableByKeyword_AndSurviveACaptionChange()
    {
        var photos = Path.Combine(_folder.FullName, "photos");
        TestFiles.CopyNamed(IndexFixture.CocoImages, photos, ["000000062554.jpg", "000000107438.jpg"]);

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", photos, "--db", Db, "--device", "cpu"]);
        Assert.True(exit == 0, $"{stdout}\n{stderr}");
        var tags = AutoTags();
        Assert.All(tags, t => Assert.InRange(t.Confidence, 0.15, 1.0));
        Assert.Contains(("000000062554.jpg", "broccoli"), tags.Select(t => (t.File, t.Tag)));
        // A broader term rides along with its class: a mountain bike is also a "bicycle".
        Assert.Contains(("000000107438.jpg", "bicycle"), tags.Select(t => (t.File, t.Tag)));

        // No captions anywhere: a keyword search finds the photo by its tag alone.
        Assert.Equal(["000000062554.jpg"], await KeywordSearchAsync("broccoli"));
        Assert.Equal(["000000107438.jpg"], await KeywordSearchAsync("bicycle"));

        // A sidecar caption re-reads the photo's captions without encoding the image again: its tags stay.
        File.WriteAllText(Path.Combine(photos, "000000062554.txt"), "dinner on the table\n");
        (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["index", photos, "--db", Db, "--device", "cpu"]);
        Assert.True(exit == 0, $"{stdout}\n{stderr}");
        Assert.Equal(tags, AutoTags());
        Assert.Equal(["000000062554.jpg"], await KeywordSearchAsync("broccoli"));
        Assert.Equal(["000000062554.jpg"], await KeywordSearchAsync("dinner"));
    }

    private async Task<List<string>> KeywordSearchAsync(string query)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["search", query, "--db", Db, "--mode", "keyword", "--json"]);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("path").GetString()!))];
    }

    private List<(string File, string Tag, double Confidence)> AutoTags()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Db, "catalog.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT p.path, t.tag, t.confidence FROM tags t JOIN photos p ON p.id = t.photo_id WHERE t.source = 'auto' ORDER BY p.path, t.tag";
        using var reader = command.ExecuteReader();
        var tags = new List<(string, string, double)>();
        while (reader.Read())
        {
            tags.Add((Path.GetFileName(reader.GetString(0)), reader.GetString(1), reader.GetDouble(2)));
        }

        return tags;
    }

    private static HashSet<string> CocoPhotosWhoseCaptionsSay(string word)
    {
        var captions = Path.Combine(Path.GetDirectoryName(IndexFixture.CocoImages)!, "captions.txt");
        return [.. File.ReadLines(captions).Where(l => l.Contains(word, StringComparison.OrdinalIgnoreCase)).Select(l => l.Split('#')[0])];
    }

    private static async Task<JsonElement> EvalAsync(IReadOnlyList<string> data)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["eval", .. data, "--device", "cpu", "--mode", "vector", "--json"]);
        Assert.True(exit == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static void AssertAtLeast(JsonElement report, string direction, string measure, double floor)
    {
        var value = report.GetProperty(direction).GetProperty(measure).GetDouble();
        Assert.True(value >= floor, $"{direction} {measure} is {value}, below {floor}");
    }
}
