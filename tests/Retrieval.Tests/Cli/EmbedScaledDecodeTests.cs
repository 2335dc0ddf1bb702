using Retrieval.Testing;
using System.Numerics.Tensors;
using System.Text.Json;
using Retrieval.Models;
using Retrieval.Tests.Imaging;

namespace Retrieval.Tests.Cli;

/// <summary>
/// `retrieval embed` on photos of about 500 x 333 that the 64 px tiny-clip-hf model decodes at 1/2 scale,
/// in every EXIF orientation, against an independent reference: the same graph run on Pillow's
/// full-decode preprocessing of the same file.
/// </summary>
public sealed class EmbedScaledDecodeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-embed-scaled-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Embed_ScaledJpegInEveryOrientation_MatchesPillowFullDecodeReference()
    {
        var modelFolder = SharedData.Require("golden/models/tiny-clip-hf");
        var cases = ScaledDecodeReference.All.Where(c => c.Size == 64).ToList();
        Assert.Equal(8, cases.Count);
        List<string> arguments = ["embed", "--model", modelFolder, "--device", "cpu", "--json"];
        foreach (var reference in cases)
        {
            arguments.AddRange(["--image", reference.WriteJpeg(_folder.FullName)]);
        }

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(arguments);
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var vectors = json.RootElement.EnumerateArray().Select(r => r.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle()).ToArray()).ToList();

        using var model = TestModels.Load(modelFolder, 1);
        var batch = model.Images.CreateBatch(1);
        for (var i = 0; i < cases.Count; i++)
        {
            ScaledDecodeReference.Tensor(cases[i].Full, model.Manifest.Preprocess).CopyTo(batch.Slot(0));
            var expected = new float[model.Dimension];
            model.Images.Encode(batch, 1, expected, TestContext.Current.CancellationToken);
            var cosine = TensorPrimitives.CosineSimilarity(expected, vectors[i]);
            TestContext.Current.SendDiagnosticMessage($"embed {cases[i].Name}: cosine {cosine:0.000000} to the Pillow full-decode reference");
            Assert.True(cosine >= 0.999, $"{cases[i].Name}: cosine {cosine}");
        }
    }
}
