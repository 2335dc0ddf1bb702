using Retrieval.Catalog;

namespace Retrieval.Hosting;

/// <summary>What the index knows of one photo: its catalog summary and its tags.</summary>
public sealed record PhotoDetails(PhotoSummary Photo, IReadOnlyList<string> Tags);
