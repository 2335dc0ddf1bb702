using Microsoft.ML.Tokenizers;
using Retrieval.Errors;

namespace Retrieval.Text;

/// <summary>
/// A SentencePiece model file (<c>spiece.model</c>, <c>tokenizer.model</c>) for an export that ships no
/// <c>tokenizer.json</c>: its own normalization, pieces and byte fallback, as the SentencePiece library encodes.
/// A model with a start token gets it in front (Gemma, Llama), one without gets the end token behind (T5, SigLIP),
/// as Hugging Face's slow tokenizers for them do. Thread-safe.
/// </summary>
public sealed class SentencePieceTextTokenizer : ITextTokenizer
{
    private readonly SentencePieceTokenizer _model;
    private readonly int? _start;
    private readonly int? _end;

    private SentencePieceTextTokenizer(SentencePieceTokenizer model, int contextLength, int paddingId)
    {
        _model = model;
        var hasStart = model.BeginningOfSentenceId >= 0 && model.BeginningOfSentenceId != model.UnknownId;
        _start = hasStart ? model.BeginningOfSentenceId : null;
        _end = hasStart ? null : model.EndOfSentenceId;
        ContextLength = contextLength;
        PaddingId = paddingId;
    }

    /// <inheritdoc />
    public int ContextLength { get; }

    /// <inheritdoc />
    public int PaddingId { get; }

    /// <summary>Loads the model at <paramref name="path"/>; the padding id is <paramref name="padToken"/>'s, else the end token's.</summary>
    /// <exception cref="ModelLoadException">The file is missing or not a SentencePiece model.</exception>
    public static SentencePieceTextTokenizer FromFile(string path, int contextLength, string? padToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        try
        {
            using var stream = File.OpenRead(path);
            var model = SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false);
            var padding = padToken is not null && model.Vocabulary.TryGetValue(padToken, out var pad) ? pad : model.EndOfSentenceId;
            return new SentencePieceTextTokenizer(model, contextLength, padding);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new ModelLoadException(path, $"cannot read the SentencePiece model ({e.Message})", e);
        }
    }

    /// <inheritdoc />
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = _model.EncodeToIds(text);
        var room = ContextLength - (_start is null ? 0 : 1) - (_end is null ? 0 : 1);
        return [.. _start is { } start ? [start] : Array.Empty<int>(), .. body.Take(room), .. _end is { } end ? [end] : Array.Empty<int>()];
    }
}
