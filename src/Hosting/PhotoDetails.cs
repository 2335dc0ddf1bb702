using Retrieval.Catalog;

namespace Retrieval.Hosting;

/// <summary>
/// What the index knows of one photo: its catalog summary, its tags, the text read in it (lines in reading order), and
/// its files — its own path first, then its companions (the RAW beside its JPEG, the original beside an iPhone edit).
/// </summary>
public sealed record PhotoDetails(PhotoSummary Photo, IReadOnlyList<string> Tags, IReadOnlyList<TextLine> Text, IReadOnlyList<string> Files);
