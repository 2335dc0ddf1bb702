using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Tests.Cli;

/// <summary>`retrieval features` writes what `embed` gives, as a NumPy matrix a training script can load.</summary>
public sealed class FeaturesCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-features-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task ImagesAndTexts_AreTheEmbedVectors_InANpyMatrix()
    {
        var photos = Directory.GetFiles(RepositoryPaths.Samples, "*.jpg").Order(StringComparer.Ordinal).ToList();
        var images = Path.Combine(_folder.FullName, "images.npy");
        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["features", "--model", RepositoryPaths.TinyModel, "--device", "cpu", "--images", RepositoryPaths.Samples, "--out", images]);
        Assert.True(exit == 0, stderr);
        var texts = Path.Combine(_folder.FullName, "texts.txt");
        File.WriteAllLines(texts, ["a bowl of noodles", "", "a bike under a traffic light"]);
        var textOut = Path.Combine(_folder.FullName, "texts.npy");
        (exit, _, stderr) = await ChildProcess.RunCliAsync(["features", "--model", RepositoryPaths.TinyModel, "--device", "cpu", "--texts", texts, "--out", textOut]);
        Assert.True(exit == 0, stderr);

        List<string> embedArguments = ["embed", "--model", RepositoryPaths.TinyModel, "--device", "cpu", "--json"];
        embedArguments.AddRange(photos.SelectMany(p => new[] { "--image", p }));
        embedArguments.AddRange(["--text", "a bowl of noodles", "--text", "a bike under a traffic light"]);
        (exit, var stdout, stderr) = await ChildProcess.RunCliAsync(embedArguments);
        Assert.True(exit == 0, stderr);
        var expected = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle()).ToArray()).ToList();

        var (imageRows, imageShape) = ReadNpy(images);
        var (textRows, textShape) = ReadNpy(textOut);
        Assert.Equal((photos.Count, 24), imageShape);
        Assert.Equal((2, 24), textShape);
        Assert.Equal(photos.Select(Path.GetFileName), File.ReadAllLines(images + ".txt"));
        Assert.Equal(["a bowl of noodles", "a bike under a traffic light"], File.ReadAllLines(textOut + ".txt"));
        foreach (var (row, vector) in imageRows.Concat(textRows).Zip(expected))
        {
            Assert.Equal(vector, row, (a, b) => Math.Abs(a - b) < 1e-6);
        }
    }

    /// <summary>Reads a version-1 float32 .npy the way NumPy does: magic, header length, header, rows.</summary>
    private static (List<float[]> Rows, (int, int) Shape) ReadNpy(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }, bytes[..6]);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        var shape = header[(header.IndexOf("'shape': (", StringComparison.Ordinal) + 10)..].Split(')')[0].Split(',').Select(s => int.Parse(s.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(10 + headerLength)).ToArray();
        Assert.Equal(shape[0] * shape[1], floats.Length);
        return ([.. Enumerable.Range(0, shape[0]).Select(r => floats.AsSpan(r * shape[1], shape[1]).ToArray())], (shape[0], shape[1]));
    }
}
