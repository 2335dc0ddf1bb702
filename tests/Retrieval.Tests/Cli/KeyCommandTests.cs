using Retrieval.Testing;

namespace Retrieval.Tests.Cli;

/// <summary><c>retrieval key new</c>: a fresh server key on stdout, 32 random bytes in base64url, different every time.</summary>
public sealed class KeyCommandTests
{
    [Fact]
    public async Task KeyNew_PrintsAFresh32ByteKey_EachTime()
    {
        var keys = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            var (exit, stdout, stderr) = await ChildProcess.RunCliAsync(["key", "new"]);
            Assert.True(exit == 0, stderr);
            var key = stdout.Trim();
            Assert.Matches("^[A-Za-z0-9_-]{43}$", key);
            Assert.Equal(32, Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/') + "=").Length);
            keys.Add(key);
        }

        Assert.NotEqual(keys[0], keys[1]);
    }
}
