using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Tests.Video;

/// <summary>The copies <c>retrieval status --duplicates --near --json</c> reports for an index, each as "a ~ b" (file names, in order).</summary>
internal static class ReportedCopies
{
    public static async Task<List<string>> OfAsync(string db)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["status", "--duplicates", "--near", "--json", "--db", db]);
        Assert.True(exit == 0, stderr);
        using var status = JsonDocument.Parse(stdout);
        return [.. status.RootElement.GetProperty("duplicates").EnumerateArray()
            .Select(d => string.Join(" ~ ", ((string[])[Path.GetFileName(d.GetProperty("path").GetString()!), Path.GetFileName(d.GetProperty("original").GetString()!)]).Order(StringComparer.Ordinal)))];
    }
}
