using System.Diagnostics;
using System.Text.Json;
using Retrieval.Faces;
using Retrieval.Models;
using Retrieval.Testing;

namespace Retrieval.Tests.Faces;

/// <summary>
/// The immich-layout face pack replica (<c>tools/faces/immich_replica.py</c>: SCRFD's and ArcFace's interfaces over the
/// bundled face-api nets), built once per test run into the test binaries' folder (12 MB, too large to commit), and what
/// insightface's pipeline on ONNX Runtime finds with it in the face set (<c>tests/faces-set/immich-reference.json</c>).
/// Needs Debian's python3 with python3-onnx and python3-numpy: skips without them, except under <c>CI=true</c>.
/// </summary>
internal static class ImmichReplica
{
    private static readonly Lazy<string> s_pack = new(() => Build("buffalo_l-replica"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> s_withoutKeyPoints = new(() => Build("scrfd-without-key-points", "--without-key-points"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The replica's folder, named "buffalo_l-replica".</summary>
    public static string Pack => Require(s_pack);

    /// <summary>A replica whose detector has SCRFD's six outputs of a model without key points.</summary>
    public static string WithoutKeyPoints => Require(s_withoutKeyPoints);

    /// <summary>What the reference pipeline found, by file (<c>photos/NAME.jpg</c>, <c>derived/NAME.jpg</c>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ReferenceFace>> Reference { get; } = Load();

    /// <summary>The replica on the CPU at two threads, keeping every face the detector finds.</summary>
    public static InsightFaceReader OpenReader(FaceOptions? options = null) =>
        InsightFaceReader.Open(new InsightFaceModels(Pack), new ModelOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 2 },
            options ?? new FaceOptions { MinFaceSize = 0, MaxFacesPerPhoto = 100 });

    private static string Require(Lazy<string> pack)
    {
        var python = Python();
        if (python is null || Run(python, "-c", "import onnx, numpy").ExitCode != 0)
        {
            const string Reason = "python3 with the onnx and numpy packages is not installed (apt install python3-onnx python3-numpy)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"{Reason}, and CI=true forbids skipping");
            }

            Assert.Skip(Reason);
        }

        return pack.Value;
    }

    private static string Build(string name, params string[] flags)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "immich-replica", name);
        var (exit, output) = Run(Python()!, [Path.Combine(RepositoryPaths.Root, "tools", "faces", "immich_replica.py"), folder, .. flags]);
        return exit == 0 ? folder : throw new InvalidOperationException($"immich_replica.py failed ({exit}): {output}");
    }

    private static string? Python() =>
        File.Exists("/usr/bin/python3") ? "/usr/bin/python3"
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(f => Path.Combine(f, "python3")).FirstOrDefault(File.Exists);

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static Dictionary<string, IReadOnlyList<ReferenceFace>> Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FaceSet, "immich-reference.json")));
        return json.RootElement.GetProperty("images").EnumerateObject().ToDictionary(image => image.Name, image => (IReadOnlyList<ReferenceFace>)[..
            image.Value.GetProperty("faces").EnumerateArray().Select(face => new ReferenceFace(
                FaceSet.Numbers(face.GetProperty("box")) is [var x, var y, var w, var h] ? new FaceBox(x, y, w, h) : throw new InvalidDataException("a box is four numbers"),
                face.GetProperty("score").GetSingle(),
                [.. face.GetProperty("points").EnumerateArray().Select(p => FaceSet.Numbers(p) is [var px, var py] ? new FacePoint(px, py) : throw new InvalidDataException("a point is two numbers"))],
                [.. face.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle())]))]);
    }

    /// <summary>One face as the reference found it: box, score, five key points, embedding.</summary>
    public sealed record ReferenceFace(FaceBox Box, float Score, IReadOnlyList<FacePoint> Points, float[] Embedding);
}
