using Microsoft.AspNetCore.Http.HttpResults;

namespace Retrieval.Web.Apis;

/// <summary>
/// Reads the <c>image</c> part of a multipart upload into memory, within the size limit. Uploads are never
/// written to disk, so nothing a client sends lands under the photo roots or in a temporary folder.
/// </summary>
internal static class Uploads
{
    public const string Part = "image";

    /// <summary>The upload <see cref="Limits.UploadFilter"/> received for this request.</summary>
    public static Upload Received(HttpContext http) =>
        http?.Items[typeof(Upload)] as Upload ?? throw new InvalidOperationException("the endpoint has no upload filter");

    /// <summary>The uploaded bytes, the file name, the form's text field <c>q</c> (if any), or the problem to answer.</summary>
    public static async Task<Upload> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return Failed(Problems.Unsupported($"send the image as multipart/form-data with a part named '{Part}'"));
        }

        if (request.ContentLength > limit + (64 << 10))
        {
            return Failed(Problems.TooLarge($"the upload is {request.ContentLength:N0} bytes; images up to {limit:N0} bytes are accepted"));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            // The multipart reader's own limits and malformed bodies: only the body's length is a 413; too many fields or
            // headers, or a body that is not multipart, are bad requests.
            return Failed(e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase)
                ? Problems.TooLarge($"images up to {limit:N0} bytes are accepted ({e.Message})")
                : Problems.BadRequest($"the multipart body cannot be read: {e.Message}"));
        }

        if (form.Files.GetFile(Part) is not { } file)
        {
            return Failed(Problems.BadRequest($"the form has no file part named '{Part}'"));
        }

        if (file.Length > limit)
        {
            return Failed(Problems.TooLarge($"'{file.FileName}' is {file.Length:N0} bytes; images up to {limit:N0} bytes are accepted"));
        }

        if (file.Length == 0)
        {
            return Failed(Problems.BadRequest($"'{file.FileName}' is empty"));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        return new Upload(bytes, $"upload '{Path.GetFileName(file.FileName)}'", form["q"].FirstOrDefault(), null);
    }

    private static Upload Failed(ProblemHttpResult problem) => new([], "", null, problem);
}
