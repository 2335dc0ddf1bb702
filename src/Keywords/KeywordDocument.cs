namespace Retrieval.Keywords;

/// <summary>What keyword search knows of one photo: its captions and tags, the words of its file and folder names, its camera.</summary>
public sealed record KeywordDocument(long Id, IReadOnlyList<string> Captions, IReadOnlyList<string> Tags, string FileName, IReadOnlyList<string> Folders, string? Camera);
