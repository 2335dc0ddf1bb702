namespace Retrieval.Text.Pipeline;

/// <summary>
/// A tokenizer assembled from a <c>tokenizer.json</c>, run as Hugging Face's tokenizers runs it: added tokens found,
/// the rest normalized, pre-tokenized and tokenized by the model, then wrapped in the post-processor's special
/// tokens. A text longer than the context is cut at its end, keeping the special tokens. Thread-safe.
/// </summary>
public sealed class PipelineTokenizer : ITextTokenizer
{
    private readonly AddedTokens _added;
    private readonly ITextNormalizer? _normalizer;
    private readonly IPreTokenizer? _preTokenizer;
    private readonly ITokenModel _model;
    private readonly TemplatePostProcessor _template;

    /// <summary>Assembles the pipeline; <paramref name="contextLength"/> counts the special tokens.</summary>
    public PipelineTokenizer(AddedTokens added, ITextNormalizer? normalizer, IPreTokenizer? preTokenizer, ITokenModel model, TemplatePostProcessor template, int contextLength, int paddingId)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(contextLength, template.Prefix.Count + template.Suffix.Count);
        _added = added;
        _normalizer = normalizer;
        _preTokenizer = preTokenizer;
        _model = model;
        _template = template;
        ContextLength = contextLength;
        PaddingId = paddingId;
    }

    /// <inheritdoc />
    public int ContextLength { get; }

    /// <inheritdoc />
    public int PaddingId { get; }

    /// <summary>The model's id of <paramref name="token"/>, or null.</summary>
    public int? IdOf(string token) => _model.IdOf(token);

    /// <inheritdoc />
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = new List<int>();
        var atStart = true;
        foreach (var (raw, rawId) in _added.SplitRaw(text))
        {
            if (raw is null)
            {
                body.Add(rawId);
                atStart = false;
                continue;
            }

            var normalized = _normalizer?.Normalize(raw) ?? raw;
            foreach (var (part, id) in _added.SplitNormalized(normalized))
            {
                if (part is null)
                {
                    body.Add(id);
                }
                else
                {
                    var pieces = new List<TextPiece> { new(part, atStart) };
                    foreach (var piece in _preTokenizer?.Split(pieces) ?? pieces)
                    {
                        _model.Tokenize(piece.Text, body);
                    }
                }

                atStart = false;
            }
        }

        var room = ContextLength - _template.Prefix.Count - _template.Suffix.Count;
        var kept = Math.Min(body.Count, room);
        if (kept + _template.Prefix.Count + _template.Suffix.Count == 0)
        {
            return [PaddingId];
        }

        return [.. _template.Prefix, .. body.Take(kept), .. _template.Suffix];
    }
}
