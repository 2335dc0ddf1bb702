using Retrieval.Catalog;

namespace Retrieval.Hosting;

/// <summary>What the index knows of one photo: its catalog summary, its tags, and the text read in it (lines in reading order).</summary>
public sealed record PhotoDetails(PhotoSummary Photo, IReadOnlyList<string> Tags, IReadOnlyList<TextLine> Text);
