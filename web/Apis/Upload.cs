using Microsoft.AspNetCore.Http.HttpResults;

namespace Retrieval.Web.Apis;

/// <summary>A received upload: the image's bytes and name, the form's text field <c>q</c> (if any); or the problem to answer instead.</summary>
internal sealed record Upload(byte[] Bytes, string Name, string? Text, ProblemHttpResult? Problem);
