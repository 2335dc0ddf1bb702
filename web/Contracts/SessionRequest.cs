namespace Retrieval.Web.Contracts;

/// <summary>The page's sign-in: the API key, given once.</summary>
public sealed record SessionRequest(string? Key);
