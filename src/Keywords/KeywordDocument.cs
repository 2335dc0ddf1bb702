namespace Retrieval.Keywords;

/// <summary>
/// What keyword search knows of one photo: its captions and tags, the words of its file and folder names, its camera, the
/// text read in it, and the words analyzers found in it (<paramref name="Analyzed"/>: a colour, a place).
/// </summary>
public sealed record KeywordDocument(long Id, IReadOnlyList<string> Captions, IReadOnlyList<string> Tags, string FileName, IReadOnlyList<string> Folders, string? Camera,
    IReadOnlyList<string>? Text = null, IReadOnlyList<string>? Analyzed = null);
