using Retrieval.Errors;

namespace Retrieval.Models.Download;

/// <summary>
/// Where a model folder is downloaded from: a Hugging Face repository id in the ONNX layout
/// ("Xenova/clip-vit-base-patch32", fetched from huggingface.co/ID/resolve/main/), or the http(s) address of a
/// folder in that layout. Its name, the last part of either, is the folder it goes to.
/// </summary>
public sealed record ModelSource(Uri BaseAddress, string Name)
{
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
        return parts is [{ Length: > 0 } owner, { Length: > 0 } repository] && parts.All(IsSafeName)
            ? new ModelSource(new Uri($"https://huggingface.co/{owner}/{repository}/resolve/main/"), repository)
            : throw new ModelDownloadException(text, "expected a Hugging Face repository id (owner/name) or an http(s) address of a model folder");
    }

    private static bool IsSafeName(string part) => part.Length > 0 && part != "." && part != ".." && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
