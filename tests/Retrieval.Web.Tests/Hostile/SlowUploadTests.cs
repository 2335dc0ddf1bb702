using System.Net;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// The hostile server with two work slots and no queue for them: a request that finds both held is refused at once
/// (503), so whether something holds a slot shows in a status code rather than in how long a search waits.
/// </summary>
public sealed class NoQueueServer : HostileServer
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Retrieval__Server__MaxConcurrentSearches"] = "2",
        ["Retrieval__Server__SearchQueue"] = "0",
    };
}

/// <summary>
/// Slow uploads: connections that trickle a multipart body at 400 bytes a second. They neither hold a work slot
/// while they arrive nor pile up (past the concurrent-upload limit they are refused, below the minimum rate cut off),
/// so searches beside them are never refused and the server's memory does not grow with them.
/// </summary>
public sealed class SlowUploadTests(NoQueueServer server) : IClassFixture<NoQueueServer>
{
    private const int Trickles = 12;

    // ServerOptions.MaxConcurrentUploads, as the server runs by default.
    private const int UploadSlots = 8;

    [Fact]
    public async Task TrickledUploads_HoldNoWorkSlot_AndAreRefusedPastTheLimitOrCutOff_InBoundedMemory()
    {
        using var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await server.SearchAsync(client)); // warm: the first search loads what later ones reuse
        var before = server.Memory().Now;
        server.ResetPeakMemory();

        // Only a safety net: the server answers every trickle, refusing it or cutting it off.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var trickles = Enumerable.Range(0, Trickles)
            .Select(i => HostileInputs.TrickleUploadAsync(server.Address, i % 2 == 0 ? "/api/search/image" : "/api/caption", 400, stop.Token))
            .ToList();

        // A trickle refused for want of an upload slot: every slot is held by one still arriving, and the searches run beside them.
        await FirstRefusalAsync(trickles);
        var searches = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            searches.Add(await server.SearchAsync(client));
        }

        var answers = await Task.WhenAll(trickles);
        var peak = server.Memory().Peak;
        TestContext.Current.SendDiagnosticMessage(
            $"searches beside {Trickles} trickled uploads: {string.Join(", ", searches.Select(s => (int)s))}; uploads answered {string.Join(", ", answers.Select(a => a ?? "(closed)"))}; peak memory +{(peak - before) / 1e6:0} MB");
        // With no queue, a search that found both work slots held by uploads would have been refused.
        Assert.All(searches, s => Assert.Equal(HttpStatusCode.OK, s));
        // Each upload was refused (503) or cut off (408); none was let through as if it were a finished upload.
        Assert.All(answers, a => Assert.True(a is not null && (a.Contains(" 503 ", StringComparison.Ordinal) || a.Contains(" 408 ", StringComparison.Ordinal)), $"an upload was answered {a ?? "with nothing"}"));
        // Every slot's holder was cut off, and at least one beyond them was refused.
        Assert.InRange(answers.Count(a => a!.Contains(" 408 ", StringComparison.Ordinal)), UploadSlots, Trickles - 1);
        Assert.True(peak - before < 512L << 20, $"memory grew by {(peak - before) / 1e6:0} MB");
    }

    private static async Task FirstRefusalAsync(List<Task<string?>> trickles)
    {
        var pending = new List<Task<string?>>(trickles);
        while (pending.Count > 0)
        {
            var answered = await Task.WhenAny(pending);
            if ((await answered)?.Contains(" 503 ", StringComparison.Ordinal) == true)
            {
                return;
            }

            pending.Remove(answered);
        }

        Assert.Fail($"none of {trickles.Count} trickled uploads was refused an upload slot");
    }
}
