using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Retrieval.Keywords;

/// <summary>
/// How every field's text becomes words, and every query's: Lucene's English analysis (Unicode word breaks,
/// possessives, lower case, stop words, Porter stemming), with Chinese, Japanese and Korean text — which has no spaces
/// between words — made overlapping pairs of characters (CJK bigrams), so 火锅 matches the 火锅 in 今天晚上我们去吃火锅吧
/// without a dictionary, and mixed text works; a lone ideograph stays one word. The <see cref="TextGrams"/> field holds
/// pieces made beforehand, only split.
/// </summary>
internal sealed class WordAnalyzer(LuceneVersion version) : Analyzer(PER_FIELD_REUSE_STRATEGY)
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        if (fieldName == TextGrams.Field)
        {
            // Already pieces: split on the spaces between them, nothing more.
            return new TokenStreamComponents(new WhitespaceTokenizer(version, reader));
        }

        var source = new StandardTokenizer(version, reader);
        TokenStream result = new StandardFilter(version, source);
        // Bigrams first: the filter reads the tokenizer's script types, which the others keep.
        result = new CJKBigramFilter(result);
        result = new EnglishPossessiveFilter(version, result);
        result = new LowerCaseFilter(version, result);
        result = new StopFilter(version, result, EnglishAnalyzer.DefaultStopSet);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }
}
