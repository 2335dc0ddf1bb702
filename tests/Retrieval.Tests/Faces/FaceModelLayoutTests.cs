using Retrieval.Errors;
using Retrieval.Faces;
using Retrieval.Models;
using Retrieval.Testing;

namespace Retrieval.Tests.Faces;

/// <summary>
/// A face model folder is recognised by its layout (the bundled face-api one, immich's <c>detection/</c> + <c>recognition/</c>)
/// and opened as its pipeline; anything else is refused with a <see cref="ModelLoadException"/> naming the folder and what
/// is missing or wrong.
/// </summary>
public sealed class FaceModelLayoutTests : IDisposable
{
    private static readonly ModelOptions Cpu = new() { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-face-layout-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TheBundledModels_AreFaceApis_AndTheReplicaIsAnImmichPack()
    {
        Assert.Equal(FaceModelKind.FaceApi, FaceModelLayout.Of(RepositoryPaths.FaceModels));
        Assert.Equal(FaceModelKind.InsightFace, FaceModelLayout.Of(ImmichReplica.Pack));
        Assert.True(FaceModelLayout.IsImmichPack(ImmichReplica.Pack));
        Assert.False(FaceModelLayout.IsImmichPack(RepositoryPaths.FaceModels));

        using var reader = FaceReaders.Open(new FaceOptions { Model = ImmichReplica.Pack }, Cpu);
        Assert.IsType<InsightFaceReader>(reader);
        Assert.Equal(new InsightFaceModels(ImmichReplica.Pack).Fingerprint(), reader.ModelId);
    }

    [Fact]
    public void NoModelNamed_OpensTheBundledFaceApiModels()
    {
        Assert.Equal(FaceModels.Bundled.Folder, FaceReaders.Resolve(null));
        Assert.Equal(FaceModels.Bundled.Folder, FaceReaders.Resolve(""));
        Assert.Equal(Path.GetFullPath(ImmichReplica.Pack), FaceReaders.Resolve(ImmichReplica.Pack));
    }

    [Fact]
    public void AFolderWithoutTheRecognizer_IsRefused_NamingTheFolderAndTheMissingFile()
    {
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "detection"));
        File.Copy(Path.Combine(ImmichReplica.Pack, "detection", "model.onnx"), Path.Combine(_folder.FullName, "detection", "model.onnx"));

        var error = Assert.Throws<ModelLoadException>(() => FaceReaders.Open(new FaceOptions { Model = _folder.FullName }, Cpu));
        Assert.Equal(_folder.FullName, error.Path);
        Assert.Contains(_folder.FullName, error.Message, StringComparison.Ordinal);
        Assert.Contains("recognition/model.onnx is missing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("detection/model.onnx is", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFolder_AndANameThatIsNeitherAFolderNorAPulledPack_AreRefused()
    {
        var empty = Assert.Throws<ModelLoadException>(() => FaceReaders.Open(new FaceOptions { Model = _folder.FullName }, Cpu));
        Assert.Contains("detection/model.onnx and recognition/model.onnx are missing", empty.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<ModelLoadException>(() => FaceReaders.Open(new FaceOptions { Model = "no-such-face-pack-here" }, Cpu));
        Assert.Equal("no-such-face-pack-here", unknown.Path);
        Assert.Contains("no face pack of that name", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FaceApisGraphsInImmichsLayout_AreRefusedAsNoScrfdDetector()
    {
        foreach (var net in new[] { "detection", "recognition" })
        {
            Directory.CreateDirectory(Path.Combine(_folder.FullName, net));
            File.Copy(Path.Combine(RepositoryPaths.FaceModels, net, "model.onnx"), Path.Combine(_folder.FullName, net, "model.onnx"));
        }

        var error = Assert.Throws<ModelLoadException>(() => FaceReaders.Open(new FaceOptions { Model = _folder.FullName }, Cpu));
        Assert.Contains(Path.Combine(_folder.FullName, "detection", "model.onnx"), error.Message, StringComparison.Ordinal);
        Assert.Contains("SCRFD detector takes one input [1, 3, H, W]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AScrfdDetectorWithoutKeyPoints_IsRefused_SayingWhatItHasAndWhatIsRead()
    {
        var error = Assert.Throws<ModelLoadException>(() => FaceReaders.Open(new FaceOptions { Model = ImmichReplica.WithoutKeyPoints }, Cpu));
        Assert.Contains("it has 6 outputs", error.Message, StringComparison.Ordinal);
        Assert.Contains("9 (scores, boxes and five key points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFaceApiRecognizerInImmichsLayout_IsRefusedAsNoArcFace()
    {
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "detection"));
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "recognition"));
        File.Copy(Path.Combine(ImmichReplica.Pack, "detection", "model.onnx"), Path.Combine(_folder.FullName, "detection", "model.onnx"));
        File.Copy(Path.Combine(RepositoryPaths.FaceModels, "recognition", "model.onnx"), Path.Combine(_folder.FullName, "recognition", "model.onnx"));

        var error = Assert.Throws<ModelLoadException>(() => FaceReaders.Open(new FaceOptions { Model = _folder.FullName }, Cpu));
        Assert.Contains("ArcFace recognizer takes one input [N, 3, 112, 112]", error.Message, StringComparison.Ordinal);
    }
}
