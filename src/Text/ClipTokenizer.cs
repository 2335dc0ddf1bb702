using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Retrieval.Errors;

namespace Retrieval.Text;

/// <summary>
/// The CLIP tokenizer: byte-level BPE with the <c>&lt;/w&gt;</c> end-of-word suffix over a Hugging Face
/// <c>vocab.json</c> + <c>merges.txt</c>, with CLIP's cleaning and pre-split pattern. Ids start with the
/// start token and end with the end token; texts longer than the context are cut, keeping the end token.
/// Thread-safe.
/// </summary>
public sealed class ClipTokenizer : ITextTokenizer
{
    /// <summary>The start-of-text token as it appears in the vocabulary.</summary>
    public const string StartToken = "<|startoftext|>";

    /// <summary>The end-of-text token as it appears in the vocabulary.</summary>
    public const string EndToken = "<|endoftext|>";

    private const string EndOfWordSuffix = "</w>";

    private readonly BpeTokenizer _bpe;

    private ClipTokenizer(BpeTokenizer bpe, int startId, int endId, int contextLength)
    {
        _bpe = bpe;
        StartTokenId = startId;
        EndTokenId = endId;
        ContextLength = contextLength;
    }

    /// <summary>The id of <see cref="StartToken"/>.</summary>
    public int StartTokenId { get; }

    /// <summary>The id of <see cref="EndToken"/>; also what CLIP pads with.</summary>
    public int EndTokenId { get; }

    /// <summary>The most ids one text yields, start and end tokens included.</summary>
    public int ContextLength { get; }

    /// <inheritdoc />
    public int PaddingId => EndTokenId;

    /// <summary>Loads the tokenizer from a Hugging Face <c>vocab.json</c> and <c>merges.txt</c>.</summary>
    /// <exception cref="ModelLoadException">A file is missing or malformed, or lacks the special tokens.</exception>
    public static ClipTokenizer FromFiles(string vocabPath, string mergesPath, int contextLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        var vocabulary = ReadVocabulary(vocabPath);
        if (!vocabulary.TryGetValue(StartToken, out var startId) || !vocabulary.TryGetValue(EndToken, out var endId))
        {
            throw new ModelLoadException(vocabPath, $"the vocabulary lacks {StartToken} or {EndToken}");
        }

        var specialTokens = new Dictionary<string, int> { [StartToken] = startId, [EndToken] = endId }.ToFrozenDictionary();
        var options = new BpeOptions(vocabulary)
        {
            Merges = ReadMerges(mergesPath),
            SpecialTokens = specialTokens,
            Normalizer = ClipTextNormalizer.Instance,
            PreTokenizer = ClipPreTokenizer.Create(specialTokens),
            EndOfWordSuffix = EndOfWordSuffix,
            ByteLevel = true,
        };

        return new ClipTokenizer(BpeTokenizer.Create(options), startId, endId, contextLength);
    }

    /// <summary>
    /// The ids of <paramref name="text"/>: start token, the BPE ids, end token; at most
    /// <see cref="ContextLength"/> of them, the last always the end token.
    /// </summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = _bpe.EncodeToIds(text);
        var count = Math.Min(body.Count + 2, ContextLength);
        var ids = new int[count];
        ids[0] = StartTokenId;
        for (var i = 1; i < count - 1; i++)
        {
            ids[i] = body[i - 1];
        }

        ids[count - 1] = EndTokenId;
        return ids;
    }

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
                ?? throw new ModelLoadException(path, "the vocabulary is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ModelLoadException(path, $"cannot read the vocabulary ({e.Message})", e);
        }
    }

    private static List<string> ReadMerges(string path)
    {
        try
        {
            // The first line is a "#version" header; CRLF files exist in the wild.
            return File.ReadLines(path)
                .Select(line => line.TrimEnd('\r'))
                .Where(line => line.Length > 0 && !line.StartsWith("#version", StringComparison.Ordinal))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, $"cannot read the merges ({e.Message})", e);
        }
    }
}
