using Retrieval.Testing;

namespace Retrieval.Tests.Cli;

/// <summary>
/// A broken export fails `retrieval embed` with one line naming the file and what is wrong, never a stack trace: each
/// case is a replica export with one thing broken.
/// </summary>
public sealed class BadExportTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-bad-export-");

    public void Dispose() => _folder.Delete(recursive: true);

    public static TheoryData<string, string, string> Breakages() => new()
    {
        { "immich-clip", "no tokenizer", "no tokenizer: 'textual/' has no tokenizer.json" },
        { "immich-siglip", "resize_mode pad", "resize_mode 'pad' is not known (shortest, squash)" },
        { "immich-siglip", "interpolation lanczos", "interpolation 'lanczos' is not supported (bicubic, bilinear)" },
        { "immich-clip", "a vision graph as the text graph", "the text graph has no 'input_ids' or 'text' input (inputs: image)" },
        { "immich-clip", "no config", "config.json': the file is missing" },
        { "xenova-clip", "resample 1", "resample 1 is not supported (2 bilinear, 3 bicubic)" },
        { "xenova-clip", "variant int4", "variant 'int4' is not there" },
        { "xenova-clip", "a truncated tokenizer.json", "tokenizer.json" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task ABrokenExport_FailsInOneLineNamingTheFault(string replica, string breakage, string expected)
    {
        var model = Path.Combine(_folder.FullName, replica);
        TestFiles.CopyTree(Path.Combine(RepositoryPaths.Replicas, "models", replica), model);
        string[] extra = [];
        switch (breakage)
        {
            case "no tokenizer":
                File.Delete(Path.Combine(model, "textual", "tokenizer.json"));
                File.Delete(Path.Combine(model, "textual", "tokenizer_config.json"));
                break;
            case "resize_mode pad":
                Edit(Path.Combine(model, "visual", "preprocess_cfg.json"), "\"squash\"", "\"pad\"");
                break;
            case "interpolation lanczos":
                Edit(Path.Combine(model, "visual", "preprocess_cfg.json"), "\"bilinear\"", "\"lanczos\"");
                break;
            case "a vision graph as the text graph":
                File.Copy(Path.Combine(model, "visual", "model.onnx"), Path.Combine(model, "textual", "model.onnx"), overwrite: true);
                break;
            case "no config":
                File.Delete(Path.Combine(model, "config.json"));
                break;
            case "resample 1":
                Edit(Path.Combine(model, "preprocessor_config.json"), "\"resample\": 3", "\"resample\": 1");
                break;
            case "variant int4":
                extra = ["--variant", "int4"];
                break;
            default:
                var tokenizer = Path.Combine(model, "tokenizer.json");
                File.WriteAllText(tokenizer, File.ReadAllText(tokenizer)[..500]);
                break;
        }

        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["embed", "--model", model, "--device", "cpu", "--text", "a dog", .. extra]);
        Assert.NotEqual(0, exit);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: Cannot load model '", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static void Edit(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
