namespace Retrieval.Catalog;

/// <summary>One line of text read in a photo: the text, where it is, and the recognizer's confidence (0 to 1, the mean over its characters).</summary>
public sealed record TextLine(string Text, TextBox Box, float Confidence);
