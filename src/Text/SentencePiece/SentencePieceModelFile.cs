using Retrieval.Errors;
using Retrieval.Text.Pipeline;

namespace Retrieval.Text.SentencePiece;

/// <summary>
/// A tokenizer from a SentencePiece <c>.model</c> file alone (<c>spiece.model</c>, <c>tokenizer.model</c>), for an
/// export that ships no <c>tokenizer.json</c>: SentencePiece's normalizer, its unigram or BPE model, byte fallback, and
/// the start token in front where the model has one (Gemma, Llama), else the end token behind (T5, SigLIP), as Hugging
/// Face's tokenizers for those models add them.
/// </summary>
public static class SentencePieceModelFile
{
    /// <summary>Loads <paramref name="path"/>; the padding id is <paramref name="padToken"/>'s, else the end token's, else 0.</summary>
    /// <exception cref="ModelLoadException">The file is missing, not a SentencePiece model, or of a model type other than unigram and BPE.</exception>
    public static PipelineTokenizer Load(string path, int contextLength, string? padToken)
    {
        SentencePieceProto proto;
        try
        {
            proto = SentencePieceProto.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new ModelLoadException(path, e is FileNotFoundException ? "the file is missing" : $"not a SentencePiece model ({e.Message})", e);
        }

        var pieces = proto.Pieces;
        bool IsId(int id) => id >= 0 && id < pieces.Count;
        ITokenModel model = proto.ModelType switch
        {
            1 => new UnigramModel([.. pieces.Select(p => (p.Piece, (double)p.Score))], IsId(proto.UnknownId) ? proto.UnknownId : 0, proto.ByteFallback,
                id => pieces[id].Type is SentencePieceType.Normal or SentencePieceType.UserDefined),
            2 => new ScoredBpeModel(pieces, proto.UnknownId, proto.ByteFallback),
            var other => throw new ModelLoadException(path, $"model type {other} is not supported (1 unigram, 2 BPE)"),
        };
        var template = IsId(proto.StartId) ? new TemplatePostProcessor([proto.StartId], [])
            : IsId(proto.EndId) ? new TemplatePostProcessor([], [proto.EndId])
            : TemplatePostProcessor.None;
        var padding = padToken is not null && model.IdOf(padToken) is { } pad ? pad : IsId(proto.EndId) ? proto.EndId : 0;
        return new PipelineTokenizer(new AddedTokens([]), new SentencePieceNormalizer(proto), null, model, template, contextLength, padding);
    }
}
