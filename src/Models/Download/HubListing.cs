using System.Net;
using System.Text.Json;
using Retrieval.Errors;

namespace Retrieval.Models.Download;

/// <summary>A hub repository's file listing (<c>/api/models/OWNER/NAME/tree/main?recursive=true</c>), page after page.</summary>
internal static class HubListing
{
    private const int MaxPages = 100;

    public static async Task<IReadOnlyList<HubFile>> ReadAsync(HttpClient http, ModelSource source, CancellationToken cancellationToken)
    {
        var files = new List<HubFile>();
        var next = source.Listing;
        for (var page = 0; next is not null && page < MaxPages; page++)
        {
            using var response = await SendAsync(http, next, source, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized)
            {
                throw new ModelDownloadException(source.Repository!, $"the hub at {source.Listing!.GetLeftPart(UriPartial.Authority)} has no such repository (or it is private)");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ModelDownloadException(next.AbsoluteUri, $"the hub answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            try
            {
                using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var entry in document.RootElement.EnumerateArray())
                {
                    if (entry.GetProperty("type").GetString() != "file")
                    {
                        continue;
                    }

                    var digest = entry.TryGetProperty("lfs", out var lfs) && lfs.TryGetProperty("oid", out var sha) ? FileDigest.Sha256(sha.GetString()!)
                        : entry.TryGetProperty("oid", out var oid) ? FileDigest.GitBlob(oid.GetString()!) : null;
                    files.Add(new HubFile(entry.GetProperty("path").GetString()!, entry.TryGetProperty("size", out var size) ? size.GetInt64() : 0, digest));
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw new ModelDownloadException(next.AbsoluteUri, $"the listing is not the hub's tree JSON ({e.Message})", e);
            }

            next = NextPage(response, next);
        }

        return files;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri address, ModelSource source, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetAsync(address, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ModelDownloadException(source.Repository ?? address.AbsoluteUri, $"cannot reach the hub at {address.GetLeftPart(UriPartial.Authority)} ({e.Message}); set ${ModelSource.EndpointVariable} for a mirror", e);
        }
    }

    // The hub pages long listings with a Link header: <...>; rel="next".
    private static Uri? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var part in links.SelectMany(l => l.Split(',')))
        {
            var pieces = part.Split(';');
            if (pieces.Length > 1 && pieces.Skip(1).Any(p => p.Trim() == "rel=\"next\"") && pieces[0].Trim().Trim('<', '>') is { Length: > 0 } link)
            {
                return new Uri(current, link);
            }
        }

        return null;
    }
}
