using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Retrieval.Web.Tests.Hostile;

/// <summary>
/// The server in its own process on loopback, as the hostile-client suite attacks it: default settings but for
/// one host name allowed besides localhost (which makes it reachable from beyond this machine, so it has a key), and
/// helpers to watch its memory and search it.
/// </summary>
public class HostileServer : ServerProcess
{
    /// <summary>A host name configured as the server's own (Retrieval:Server:AllowedHosts).</summary>
    public const string OwnName = "photos.test";

    /// <summary>The key of a server that has a name: requests by that name come from beyond this machine.</summary>
    public const string OwnKey = "hostile-key-0123456789";

    public override string? Key => OwnKey;

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(Settings)
    {
        ["Retrieval__Server__AllowedHosts__0"] = OwnName,
        ["Retrieval__Server__ApiKey"] = Key ?? throw new InvalidOperationException("a server with a name needs a key"),
    };

    /// <summary>More settings, for subclasses.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>Forgets the server's peak memory so far (Linux: the peak resident size is reset to the current one).</summary>
    public void ResetPeakMemory() => File.WriteAllText($"/proc/{Process.Id}/clear_refs", "5");

    /// <summary>The status one hybrid search is answered with: 503 when the server refused it a work slot.</summary>
    public async Task<System.Net.HttpStatusCode> SearchAsync(HttpClient client, string query = "a plate of food")
    {
        ArgumentNullException.ThrowIfNull(client);
        client.BaseAddress ??= Address;
        using var response = await client.GetAsync(new Uri($"/api/search?q={Uri.EscapeDataString(query)}", UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>The id of an indexed photo by file name.</summary>
    public async Task<long> IdOfAsync(HttpClient client, string fileName)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.BaseAddress ??= Address;
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(Path.GetFileNameWithoutExtension(fileName))}&mode=keyword&k=50", TestContext.Current.CancellationToken);
        return json.GetProperty("results").EnumerateArray().First(r => Path.GetFileName(r.GetProperty("path").GetString()) == fileName).GetProperty("id").GetInt64();
    }
}
