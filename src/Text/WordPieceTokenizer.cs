using Microsoft.ML.Tokenizers;
using Retrieval.Errors;

namespace Retrieval.Text;

/// <summary>
/// BERT's WordPiece tokenizer over a <c>vocab.txt</c>, as Hugging Face's <c>BertTokenizer</c> does it: basic
/// tokenization (whitespace, punctuation, CJK characters apart), lower-casing and accent stripping when the
/// model is uncased, then WordPiece. Ids are <c>[CLS] … [SEP]</c>; a long text is cut, keeping <c>[SEP]</c>.
/// Special-token names typed in a text ("[SEP]") are text, never control tokens. Thread-safe.
/// </summary>
public sealed class WordPieceTokenizer : ITextTokenizer
{
    private readonly BertTokenizer _bert;
    private readonly Dictionary<char, int> _symbolIds;

    private WordPieceTokenizer(BertTokenizer bert, Dictionary<char, int> symbolIds, int contextLength)
    {
        _bert = bert;
        _symbolIds = symbolIds;
        ContextLength = contextLength;
    }

    /// <inheritdoc />
    public int ContextLength { get; }

    /// <inheritdoc />
    public int PaddingId => _bert.PaddingTokenId;

    /// <summary>Loads <paramref name="vocabPath"/>; <paramref name="lowerCase"/> and <paramref name="stripAccents"/> as the model's tokenizer_config.json says.</summary>
    /// <exception cref="ModelLoadException">The vocabulary is missing, unreadable or lacks BERT's special tokens.</exception>
    public static WordPieceTokenizer FromFile(string vocabPath, int contextLength, bool lowerCase, bool stripAccents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        try
        {
            var bert = BertTokenizer.Create(vocabPath, new BertOptions
            {
                LowerCaseBeforeTokenization = lowerCase,
                RemoveNonSpacingMarks = stripAccents,
                ApplyBasicTokenization = true,
                IndividuallyTokenizeCjk = true,
                SplitOnSpecialTokens = false,
            });
            return new WordPieceTokenizer(bert, SymbolIds(vocabPath, bert.UnknownTokenId), contextLength);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new ModelLoadException(vocabPath, $"cannot read the WordPiece vocabulary ({e.Message})", e);
        }
    }

    /// <inheritdoc />
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = Body(text);
        var count = Math.Min(body.Count + 2, ContextLength);
        var ids = new int[count];
        ids[0] = _bert.ClassificationTokenId;
        for (var i = 1; i < count - 1; i++)
        {
            ids[i] = body[i - 1];
        }

        ids[count - 1] = _bert.SeparatorTokenId;
        return ids;
    }

    /// <summary>
    /// The ids of a text, where this library departs from BERT's basic tokenizer made to agree with it: tabs and
    /// line breaks are spaces (BERT makes them spaces before it drops control characters; this library would
    /// glue "tabs\tand" into one word), and the ASCII symbols that are not Unicode punctuation
    /// ($ + &lt; = &gt; ^ ` | ~), which BERT keeps as tokens and this library drops, are put back.
    /// </summary>
    private List<int> Body(string text)
    {
        var clean = text.AsSpan().ContainsAny('\t', '\n', '\r') ? text.ReplaceLineEndings(" ").Replace('\t', ' ') : text;
        var body = new List<int>(clean.Length / 3);
        var start = 0;
        int offset;
        while ((offset = clean.AsSpan(start).IndexOfAny(DroppedSymbols)) >= 0)
        {
            var symbol = start + offset;
            body.AddRange(_bert.EncodeToIds(clean[start..symbol], addSpecialTokens: false));
            body.Add(_symbolIds[clean[symbol]]);
            start = symbol + 1;
        }

        body.AddRange(_bert.EncodeToIds(clean[start..], addSpecialTokens: false));
        return body;
    }

    /// <summary>The vocabulary ids of <see cref="DroppedSymbols"/> ([UNK] where the vocabulary lacks one).</summary>
    private static Dictionary<char, int> SymbolIds(string vocabPath, int unknownId)
    {
        var ids = DroppedSymbolList.ToDictionary(c => c, _ => unknownId);
        var line = 0;
        foreach (var token in File.ReadLines(vocabPath))
        {
            if (token.Length == 1 && ids.ContainsKey(token[0]))
            {
                ids[token[0]] = line;
            }

            line++;
        }

        return ids;
    }

    private const string DroppedSymbolList = "$+<=>^`|~";

    private static readonly System.Buffers.SearchValues<char> DroppedSymbols = System.Buffers.SearchValues.Create(DroppedSymbolList);
}
