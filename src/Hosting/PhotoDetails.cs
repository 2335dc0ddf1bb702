using Retrieval.Catalog;

namespace Retrieval.Hosting;

/// <summary>
/// What the index knows of one photo: its catalog summary, its tags, the text read in it (lines in reading order), and
/// its files — its own path first, then its companions (the RAW beside its JPEG, the original beside an iPhone edit, a
/// Live Photo's movie) — and the id of that movie, when it has one (its file plays the photo's motion).
/// </summary>
public sealed record PhotoDetails(PhotoSummary Photo, IReadOnlyList<string> Tags, IReadOnlyList<TextLine> Text, IReadOnlyList<string> Files, long? Motion = null);
