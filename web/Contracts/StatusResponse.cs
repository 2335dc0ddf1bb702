using Retrieval.Web.Indexing;

namespace Retrieval.Web.Contracts;

/// <summary>The index's counts, the model, and the server's background indexing.</summary>
public sealed record StatusResponse(string Index, string Model, long Photos, long Pending, long Failed, long Captions, long Tags, IndexingStatus Indexing);
