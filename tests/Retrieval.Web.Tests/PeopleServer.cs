using System.Net.Http.Json;
using System.Text.Json;
using Retrieval.Testing;

namespace Retrieval.Web.Tests;

/// <summary>
/// The server in its own process over the people library alone (<see cref="PeopleSet"/>: four people in four files each, a
/// file of two of them, a face in only two files), indexed on first start with faces found and grouped, OCR off (no text
/// here, and it would only slow the start). For the people API's tests and the page's people view.
/// </summary>
public class PeopleServer : ServerProcess
{
    /// <summary>Every file of the library: four per person, the pair, the lone face's two.</summary>
    public static int PhotoCount => (PeopleSet.People.Count * PeopleSet.FilesPerPerson) + 1 + PeopleSet.FilesOf(PeopleSet.Lone.Person).Count;

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["Retrieval__Ocr__Enabled"] = "false" };

    public override async ValueTask InitializeAsync()
    {
        PeopleSet.WriteTo(PhotoFolder);
        await StartAsync();
        await WaitForPhotosAsync(PhotoCount);
    }

    /// <summary>The id of the person whose photos include <paramref name="file"/> and not <paramref name="notIn"/> (the pair holds two people).</summary>
    public static async Task<long> PersonInAsync(HttpClient client, string file, string? notIn = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var people = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/people", UriKind.Relative), ct);
        foreach (var person in people.GetProperty("people").EnumerateArray())
        {
            var id = person.GetProperty("id").GetInt64();
            var files = await FilesOfAsync(client, id);
            if (files.Contains(file) && (notIn is null || !files.Contains(notIn)))
            {
                return id;
            }
        }

        throw new InvalidOperationException($"nobody's photos include {file}: {people}");
    }

    /// <summary>The two people of the pair file: the one in <paramref name="annasFile"/> ("Anna") and the other ("Ben").</summary>
    public static async Task<(long Anna, long Ben)> PairAsync(HttpClient client, string annasFile) =>
        (await PersonInAsync(client, annasFile), await PersonInAsync(client, PeopleSet.Pair, notIn: annasFile));

    /// <summary>The file names of person <paramref name="id"/>'s photos.</summary>
    public static async Task<List<string>> FilesOfAsync(HttpClient client, long id)
    {
        var person = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/people/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        return [.. person.GetProperty("photos").EnumerateArray().Select(p => Path.GetFileName(p.GetProperty("path").GetString()!))];
    }
}

/// <summary>The people server with an API key: on loopback, reads are open and every change needs the key.</summary>
public sealed class KeyedPeopleServer : PeopleServer
{
    public const string ApiKey = "people-key-0123456789";

    public override string? Key => ApiKey;

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(base.Environment) { ["Retrieval__Server__ApiKey"] = ApiKey };
}
