namespace Retrieval.Web.Contracts;

/// <summary>The body of <c>POST /api/people/{id}/merge</c>: the person whose faces join person <c>{id}</c>.</summary>
public sealed record MergeRequest(long? From);
