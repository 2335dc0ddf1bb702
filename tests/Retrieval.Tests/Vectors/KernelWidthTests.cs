using Retrieval.Testing;
using System.Text.RegularExpressions;

namespace Retrieval.Tests.Vectors;

/// <summary>
/// The kernels choose their vector width when the process starts, so on a machine with AVX-512 the 256- and
/// 128-bit paths (and the scalar fallback) would never run in-process. This re-runs the kernel tests in
/// child processes of this test assembly (an xUnit v3 executable) with the wider instruction sets switched
/// off, and checks from the skips that each child really ran narrower.
/// </summary>
public sealed partial class KernelWidthTests
{
    // Each configuration, how many width-specific int8 tests (the dot's "512", "256", "128" and the runs' Avx512,
    // Avx2, Vnni256) must skip under it, and whether it leaves AVX-VNNI on (then it skips only where the CPU lacks it).
    public static TheoryData<string, int, bool> Configurations => new()
    {
        { "DOTNET_EnableAVX512=0", 2, true },
        { "DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0", 5, false },
        { "DOTNET_EnableHWIntrinsic=0", 6, false },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task KernelTests_PassOnNarrowerVectorPaths(string environment, int skippedWidths, bool vnniStays)
    {
        skippedWidths += vnniStays && !System.Runtime.Intrinsics.X86.AvxVnni.IsSupported ? 1 : 0;
        var settings = environment.Split(' ').ToDictionary(setting => setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting => (string?)setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(ChildProcess.Beside("Retrieval.Tests.dll"), ["-class", typeof(VectorKernelsTests).FullName!, "-noColor"], settings);
        var text = stdout + "\n" + stderr;
        var summary = Summary().Match(text);
        Assert.True(summary.Success && exit == 0, $"{environment}: exit {exit}\n{text}");
        TestContext.Current.SendDiagnosticMessage($"kernel tests with {environment}: {summary.Value}");
        Assert.Equal("0", summary.Groups["failed"].Value);
        Assert.True(int.Parse(summary.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture) > 10, text);
        Assert.Equal(skippedWidths.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.Groups["skipped"].Value);
    }

    [GeneratedRegex(@"Total: (?<total>\d+), Errors: 0, Failed: (?<failed>\d+), Skipped: (?<skipped>\d+)")]
    private static partial Regex Summary();
}
