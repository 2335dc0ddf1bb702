namespace Retrieval.Text.Pipeline;

/// <summary>
/// A piece of text on its way through a tokenizer's pipeline; <paramref name="AtStart"/> when it begins at the start of
/// the whole text (not after an added token, nor after an earlier piece), which Metaspace's "first" scheme asks.
/// </summary>
public readonly record struct TextPiece(string Text, bool AtStart);
