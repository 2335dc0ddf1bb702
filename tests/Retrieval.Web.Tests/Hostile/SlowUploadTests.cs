using System.Net;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// Slow uploads: connections that trickle a multipart body at 400 bytes a second. They neither hold a search slot
/// while they arrive nor pile up (past the concurrent-upload limit they are refused, below the minimum rate cut off),
/// so searches beside them stay fast and the server's memory does not grow with them.
/// </summary>
public sealed class SlowUploadTests(HostileServer server) : IClassFixture<HostileServer>
{
    [Fact]
    public async Task SearchesBesideTrickledUploads_AnswerInUnderASecond_InBoundedMemory()
    {
        using var client = server.CreateClient();
        await server.TimedSearchAsync(client); // warm: the first search loads what later ones reuse
        var before = server.Memory().Now;
        server.ResetPeakMemory();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(12));
        var trickles = Enumerable.Range(0, 12)
            .Select(i => HostileInputs.TrickleUploadAsync(server.Address, i % 2 == 0 ? "/api/search/image" : "/api/caption", 400, stop.Token))
            .ToList();
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var searches = new List<(TimeSpan Took, HttpStatusCode Status)>();
        while (!stop.IsCancellationRequested)
        {
            searches.Add(await server.TimedSearchAsync(client));
            await Task.Delay(300, TestContext.Current.CancellationToken);
        }

        var answers = await Task.WhenAll(trickles);
        var peak = server.Memory().Peak;
        TestContext.Current.SendDiagnosticMessage(
            $"{searches.Count} searches beside 12 trickled uploads: slowest {searches.Max(s => s.Took).TotalMilliseconds:0} ms; uploads answered {string.Join(", ", answers.Select(a => a ?? "(closed)"))}; peak memory +{(peak - before) / 1e6:0} MB");
        Assert.All(searches, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.True(searches.Count >= 10, $"only {searches.Count} searches ran");
        Assert.True(searches.Max(s => s.Took) < TimeSpan.FromSeconds(1), $"a search took {searches.Max(s => s.Took).TotalMilliseconds:0} ms beside the slow uploads");
        // None of them was let through as if it were a finished upload.
        Assert.DoesNotContain(answers, a => a is not null && a.Contains(" 200 ", StringComparison.Ordinal));
        Assert.True(peak - before < 512L << 20, $"memory grew by {(peak - before) / 1e6:0} MB");
    }
}
