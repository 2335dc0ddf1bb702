using Retrieval.Testing;

namespace Retrieval.Tests.Cli;

/// <summary>
/// <c>retrieval index</c> killed with SIGKILL at random moments, again and again: plain runs finish once the photos are
/// in, so every other run re-embeds everything (<c>--reembed</c>) and there is always work for a kill to interrupt. Kills
/// that find the indexer already finished do not count.
/// </summary>
internal static class IndexKills
{
    /// <summary>
    /// Runs <paramref name="index"/> (the CLI's arguments) and kills it after a random delay between
    /// <paramref name="minDelay"/> and <paramref name="maxDelay"/> milliseconds, until <paramref name="kills"/> kills hit a
    /// running indexer; <paramref name="beforeRound"/> may change the library before each round.
    /// </summary>
    public static async Task KillAsync(string[] index, int kills, Random random, int minDelay, int maxDelay,
        IReadOnlyDictionary<string, string?>? environment = null, Action<int>? beforeRound = null)
    {
        var hit = 0;
        for (var round = 0; hit < kills; round++)
        {
            Assert.True(round < 4 * kills, $"only {hit} of {round} kills hit a running indexer");
            beforeRound?.Invoke(round);
            using var indexer = ChildProcess.Start(ChildProcess.Cli, round % 2 == 0 ? index : [.. index, "--reembed"], environment);
            await Task.Delay(random.Next(minDelay, maxDelay), TestContext.Current.CancellationToken);
            hit += indexer.HasExited ? 0 : 1;
            await indexer.KillAsync();
        }
    }
}
