namespace Retrieval.Web.Contracts;

/// <summary>The answer to <c>POST /api/index</c>.</summary>
public sealed record IndexResponse(bool Started, string Message);
