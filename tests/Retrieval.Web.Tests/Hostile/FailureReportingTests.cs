using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>A server whose index lives on a small filesystem of its own (tmpfs, 16 MB), which the test fills up.</summary>
public sealed class FullDiskServer : HostileServer
{
    private string? _mount;

    public override string IndexFolder => _mount ?? throw new InvalidOperationException("not mounted");

    public override async ValueTask InitializeAsync()
    {
        _mount = Path.Combine(Folder, "small-disk");
        Directory.CreateDirectory(_mount);
        var (exit, _, error) = await ChildProcess.RunAsync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", _mount]);
        if (exit != 0)
        {
            Assert.SkipWhen(System.Environment.GetEnvironmentVariable("CI") != "true", $"cannot mount a small filesystem here ({error.Trim()}); the full-disk test needs root");
            Assert.Fail($"CI must mount a small filesystem for the full-disk test: {error}");
        }

        await base.InitializeAsync();
    }

    /// <summary>Fills the filesystem to the last byte.</summary>
    public async Task FillAsync()
    {
        await using var filler = File.Create(Path.Combine(IndexFolder, "filler"));
        var block = new byte[1 << 16];
        try
        {
            while (true)
            {
                await filler.WriteAsync(block, TestContext.Current.CancellationToken);
                await filler.FlushAsync(TestContext.Current.CancellationToken);
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        Process.Dispose();
        if (_mount is not null)
        {
            await ChildProcess.RunAsync("umount", ["-l", _mount]);
        }

        await base.DisposeAsync();
    }
}

/// <summary>
/// Failures are reported, not swallowed: an index run on a full disk ends with its reason in <c>/api/status</c> and in
/// the log, and the CLI on the same index says so in one line with exit code 1, no stack trace.
/// </summary>
public sealed class FailureReportingTests(FullDiskServer server) : IClassFixture<FullDiskServer>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARunOnAFullDisk_ReportsWhyInTheStatusTheLogAndTheCli()
    {
        using var client = server.CreateClient();
        await server.FillAsync();
        TestFiles.CopyNamed(RepositoryPaths.Samples, server.PhotoFolder, ["000000129648.jpg", "000000159269.jpg"]);
        using (var started = await client.PostAsync(new Uri("/api/index", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"), _ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        JsonElement indexing;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        do
        {
            await Task.Delay(200, _ct);
            indexing = (await client.GetFromJsonAsync<JsonElement>("/api/status", _ct)).GetProperty("indexing");
        }
        while (indexing.GetProperty("running").GetBoolean() && DateTime.UtcNow < deadline);

        var reason = indexing.GetProperty("lastError").GetString();
        Assert.False(string.IsNullOrEmpty(reason), $"the failed run left no reason: {indexing}");
        Assert.Contains("could not be read or written", reason, StringComparison.Ordinal);
        Assert.Contains("Index run failed", server.Process.Stdout + server.Process.Stderr, StringComparison.Ordinal);

        var (exit, _, stderr) = await ChildProcess.RunCliAsync(["index", server.PhotoFolder, "--db", server.IndexFolder, "--device", "cpu"]);
        Assert.Equal(1, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: The index in", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
    }
}
