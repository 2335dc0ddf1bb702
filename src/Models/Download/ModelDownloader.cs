using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Retrieval.Errors;
using Retrieval.Faces;

namespace Retrieval.Models.Download;

/// <summary>
/// Downloads a model folder into a models directory, file by file: from a hub repository exactly the files its layout
/// needs (<see cref="ExportFiles"/>, from the tree listing), else every file the layout may have
/// (<see cref="ExportFiles.FolderFiles"/>) and those its <c>SHA256SUMS</c> names. Each goes into a <c>.part</c> file that a later attempt resumes with an HTTP range request,
/// is checked against its digest (the listing's SHA-256 or git blob SHA-1, the SHA256SUMS line, or the
/// <c>X-Linked-Etag</c> the hub gives large files) before it takes its name, and the folder is loaded as a model at
/// the end. Files already in place are kept.
/// </summary>
public sealed class ModelDownloader(HttpClient http)
{
    private const int MaxRedirects = 5;

    /// <summary>Downloads <paramref name="source"/> (graph <paramref name="variant"/>, for a Hugging Face layout) into <paramref name="modelsDirectory"/>; returns the model folder.</summary>
    /// <exception cref="ModelDownloadException">A required file is missing or fails its checksum, or the result does not load.</exception>
    public async Task<string> PullAsync(ModelSource source, string modelsDirectory, string? variant, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var folder = Path.Combine(Path.GetFullPath(modelsDirectory), source.Name);
        if (source.Listing is not null)
        {
            var listing = await HubListing.ReadAsync(http, source, cancellationToken).ConfigureAwait(false);
            foreach (var file in ExportFiles.Select(source.Repository!, listing, variant).Where(f => IsSafeRelativePath(f.Path)))
            {
                if (!await FetchAsync(source, file.Path, Path.Combine(folder, file.Path), file.Digest, progress, cancellationToken).ConfigureAwait(false))
                {
                    throw new ModelDownloadException(new Uri(source.BaseAddress, file.Path).AbsoluteUri, "the listing names the file but the hub does not serve it");
                }
            }

            return Loaded(folder, source, variant);
        }

        var sums = await ChecksumsAsync(source, cancellationToken).ConfigureAwait(false);
        var (layout, required) = ExportFiles.FolderFiles();
        // A SHA256SUMS listing names the folder's files: every one is fetched (external weight files of any name).
        foreach (var file in layout.Concat(sums.Keys.Where(IsSafeRelativePath).Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            var found = await FetchAsync(source, file, Path.Combine(folder, file), sums.TryGetValue(file, out var sum) ? FileDigest.Sha256(sum) : null, progress, cancellationToken).ConfigureAwait(false);
            if (!found && required.Contains(file))
            {
                throw new ModelDownloadException(new Uri(source.BaseAddress, file).AbsoluteUri, "the server has no such file; is this a model folder in the Hugging Face ONNX layout?");
            }
        }

        return Loaded(folder, source, variant);
    }

    private static string Loaded(string folder, ModelSource source, string? variant)
    {
        if (FaceModelLayout.IsImmichPack(folder))
        {
            // A face pack has no manifest: its graphs are checked when a run opens them (FaceReaders).
            return folder;
        }

        try
        {
            ModelManifest.Load(folder, variant);
        }
        catch (ModelLoadException e)
        {
            throw new ModelDownloadException(source.Repository ?? source.BaseAddress.AbsoluteUri, $"the files arrived but do not make a model: {e.Message}", e);
        }

        return folder;
    }

    /// <summary>Whether a path a server names stays inside the model folder: relative, forward slashes, no "..".</summary>
    private static bool IsSafeRelativePath(string path) =>
        path.Length is > 0 and < 256 && !Path.IsPathRooted(path) && !path.Contains('\\', StringComparison.Ordinal) && !path.Contains(':', StringComparison.Ordinal)
        && path.Split('/').All(part => part.Length > 0 && part != "." && part != "..");

    /// <summary>The source's SHA256SUMS ("hex  path" per line), when it has one.</summary>
    private async Task<Dictionary<string, string>> ChecksumsAsync(ModelSource source, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new Uri(source.BaseAddress, "SHA256SUMS"), null, cancellationToken).ConfigureAwait(false);
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        if (response.Response.StatusCode != HttpStatusCode.OK)
        {
            return sums;
        }

        foreach (var line in (await response.Response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Split('\n'))
        {
            var parts = line.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0].Length == 64)
            {
                sums[parts[1].TrimStart('*', ' ')] = parts[0].ToLowerInvariant();
            }
        }

        return sums;
    }

    /// <summary>Downloads one file unless it is already in place; false when the server has no such file.</summary>
    private async Task<bool> FetchAsync(ModelSource source, string file, string target, FileDigest? expected, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        if (File.Exists(target) && (expected is null || await expected.OfAsync(target, cancellationToken).ConfigureAwait(false) == expected.Hex))
        {
            return true;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var part = target + ".part";
        var resumeFrom = File.Exists(part) ? new FileInfo(part).Length : 0;
        var address = new Uri(source.BaseAddress, file);
        using var exchange = await SendAsync(address, resumeFrom > 0 ? resumeFrom : null, cancellationToken).ConfigureAwait(false);
        var response = exchange.Response;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PartialContent))
        {
            throw new ModelDownloadException(address.AbsoluteUri, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        // 206 continues the part file; 200 (a server that ignores ranges) starts it again.
        var append = response.StatusCode == HttpStatusCode.PartialContent;
        var done = append ? resumeFrom : 0;
        var total = done + (response.Content.Headers.ContentLength ?? 0);
        expected ??= exchange.LinkedSha256 is { } linked ? FileDigest.Sha256(linked) : null;
        var output = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            var input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var inputScope = input.ConfigureAwait(false);
            var buffer = new byte[1 << 16];
            int read;
            try
            {
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    done += read;
                    progress?.Report(new DownloadProgress(file, done, total));
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new ModelDownloadException(address.AbsoluteUri, $"the connection broke after {done:N0} of {total:N0} bytes; run the command again to resume ({e.Message})", e);
            }
        }

        if (expected is not null && await expected.OfAsync(part, cancellationToken).ConfigureAwait(false) is var actual && actual != expected.Hex)
        {
            File.Delete(part);
            throw new ModelDownloadException(address.AbsoluteUri, $"{expected.Algorithm} {actual} does not match the expected {expected.Hex}; the download was discarded");
        }

        File.Move(part, target, overwrite: true);
        return true;
    }

    /// <summary>GET with an optional range, following redirects itself so that Hugging Face's X-Linked-Etag (the LFS file's SHA-256) is seen.</summary>
    private async Task<Exchange> SendAsync(Uri address, long? from, CancellationToken cancellationToken)
    {
        string? linked = null;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            if (from is { } start)
            {
                request.Headers.Range = new RangeHeaderValue(start, null);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new ModelDownloadException(address.AbsoluteUri, e.Message, e);
            }

            if (response.Headers.TryGetValues("X-Linked-Etag", out var etags) && etags.FirstOrDefault()?.Trim('"') is { Length: 64 } sha)
            {
                linked = sha.ToLowerInvariant();
            }

            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } next && hop < MaxRedirects)
            {
                address = next.IsAbsoluteUri ? next : new Uri(address, next);
                response.Dispose();
                continue;
            }

            return new Exchange(response, linked);
        }
    }

    private sealed record Exchange(HttpResponseMessage Response, string? LinkedSha256) : IDisposable
    {
        public void Dispose() => Response.Dispose();
    }
}
