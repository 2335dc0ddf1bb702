namespace Retrieval.Text.Pipeline;

/// <summary>
/// The special tokens a single text is wrapped in (<c>TemplateProcessing</c>, <c>RobertaProcessing</c>,
/// <c>BertProcessing</c>): <see cref="Prefix"/> before it, <see cref="Suffix"/> after.
/// </summary>
public sealed record TemplatePostProcessor(IReadOnlyList<int> Prefix, IReadOnlyList<int> Suffix)
{
    /// <summary>No special tokens.</summary>
    public static TemplatePostProcessor None { get; } = new([], []);
}
