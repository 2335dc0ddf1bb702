using Retrieval.Indexing;

namespace Retrieval.Web.Indexing;

/// <summary>Where the server's background indexing stands: running or not, its progress, how the last run ended.</summary>
public sealed record IndexingStatus(bool Running, IndexPhase? Phase, int Found, int Done, int ToDo, int Failed, DateTimeOffset? FinishedAt, string? LastError);
