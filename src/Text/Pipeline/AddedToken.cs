namespace Retrieval.Text.Pipeline;

/// <summary>One entry of <c>added_tokens</c>.</summary>
public sealed record AddedToken(int Id, string Content, bool SingleWord, bool LeftStrip, bool RightStrip, bool Normalized);
