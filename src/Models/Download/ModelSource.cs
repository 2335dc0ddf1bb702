using Retrieval.Errors;

namespace Retrieval.Models.Download;

/// <summary>
/// Where a model folder is downloaded from: a Hugging Face repository id ("Xenova/clip-vit-base-patch32",
/// "immich-app/ViT-B-32__openai"), listed through the hub's tree API and fetched from its resolve URLs at
/// <see cref="HubEndpoint"/>; or the http(s) address of a folder (with an optional SHA256SUMS). Its name, the last
/// part of either, is the folder it goes to.
/// </summary>
public sealed record ModelSource(Uri BaseAddress, string Name)
{
    /// <summary>The environment variable that points repository ids at another hub (a mirror), as Hugging Face's own tools read it.</summary>
    public const string EndpointVariable = "HF_ENDPOINT";

    /// <summary>The repository id ("owner/name") when the source is one, else null.</summary>
    public string? Repository { get; init; }

    /// <summary>The tree listing of the repository (every file, recursively), when the source is one.</summary>
    public Uri? Listing { get; init; }

    /// <summary>The hub repository ids resolve against: <c>$HF_ENDPOINT</c>, else https://huggingface.co.</summary>
    public static Uri HubEndpoint => new((Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } configured ? configured : "https://huggingface.co").TrimEnd('/') + "/");

    /// <summary>Reads a repository id or an address.</summary>
    /// <exception cref="ModelDownloadException">It is neither.</exception>
    public static ModelSource Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (Uri.TryCreate(text, UriKind.Absolute, out var address))
        {
            if (address.Scheme is not ("http" or "https"))
            {
                throw new ModelDownloadException(text, "only http and https addresses are supported");
            }

            var folder = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
            var name = folder.Segments.Length > 1 ? folder.Segments[^1].TrimEnd('/') : "";
            return name.Length > 0 && name != ".." ? new ModelSource(folder, Uri.UnescapeDataString(name))
                : throw new ModelDownloadException(text, "the address names no folder");
        }

        var parts = text.Split('/');
        if (parts is not [{ Length: > 0 } owner, { Length: > 0 } repository] || !parts.All(IsSafeName))
        {
            throw new ModelDownloadException(text, "expected a Hugging Face repository id (owner/name) or an http(s) address of a model folder");
        }

        var hub = HubEndpoint;
        return new ModelSource(new Uri(hub, $"{owner}/{repository}/resolve/main/"), repository)
        {
            Repository = text,
            Listing = new Uri(hub, $"api/models/{owner}/{repository}/tree/main?recursive=true"),
        };
    }

    private static bool IsSafeName(string part) => part.Length > 0 && part != "." && part != ".." && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
