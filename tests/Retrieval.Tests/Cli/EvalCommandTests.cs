using System.Text.Json;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Cli;

/// <summary>`retrieval eval` on the 51 COCO photos with the random test model: the protocol's numbers, in JSON.</summary>
public sealed class EvalCommandTests
{
    [Fact]
    public async Task RandomModel_ScoresAtChance_AndWithheldCaptionsLeaveKeywordsNothing()
    {
        var vector = await EvalAsync("vector");
        // Chance with 51 photos: R@10 = 10/51 = 19.6 % text to image; a random model lands near it, far from 100.
        Assert.Equal(51, vector.GetProperty("photos").GetInt32());
        Assert.Equal(255, vector.GetProperty("captions").GetInt32());
        Assert.Equal(255, vector.GetProperty("textToImage").GetProperty("queries").GetInt32());
        Assert.Equal(51, vector.GetProperty("imageToText").GetProperty("queries").GetInt32());
        Assert.InRange(vector.GetProperty("textToImage").GetProperty("recallAt10").GetDouble(), 5, 45);
        Assert.InRange(vector.GetProperty("textToImage").GetProperty("medianRank").GetDouble(), 10, 42);
        Assert.InRange(vector.GetProperty("imageToText").GetProperty("recallAt10").GetDouble(), 5, 45);
        foreach (var direction in (string[])["textToImage", "imageToText"])
        {
            var recall = vector.GetProperty(direction);
            Assert.True(recall.GetProperty("recallAt1").GetDouble() <= recall.GetProperty("recallAt5").GetDouble()
                && recall.GetProperty("recallAt5").GetDouble() <= recall.GetProperty("recallAt10").GetDouble());
        }

        // The index holds none of the caption file's captions: keywords have only file names (000000442450.jpg)
        // and the few tags some of these photos carry in their own metadata (the random model gives no
        // automatic tags), so most queries find nothing.
        var keyword = await EvalAsync("keyword");
        Assert.InRange(keyword.GetProperty("textToImage").GetProperty("recallAt10").GetDouble(), 0, 5);
        Assert.Equal(51, keyword.GetProperty("textToImage").GetProperty("medianRank").GetDouble());
    }

    private static async Task<JsonElement> EvalAsync(string mode)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["eval", "--images", IndexFixture.CocoImages, "--captions", IndexFixture.CocoCaptions,
            "--model", RepositoryPaths.TinyModel, "--device", "cpu", "--mode", mode, "--json"]);
        Assert.True(exit == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
