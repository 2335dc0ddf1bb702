namespace Retrieval.Text.Pipeline;

/// <summary>A tokenizer's model (a <c>tokenizer.json</c> <c>model</c>): one pre-tokenized piece to vocabulary ids.</summary>
public interface ITokenModel
{
    /// <summary>Appends the ids of <paramref name="piece"/> to <paramref name="ids"/>.</summary>
    void Tokenize(string piece, List<int> ids);

    /// <summary>The id of <paramref name="token"/> in the vocabulary, or null.</summary>
    int? IdOf(string token);
}
