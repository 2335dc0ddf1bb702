namespace Retrieval.Text;

/// <summary>What is done to a text before the tokenizer sees it, as the export's runtime does.</summary>
public enum TextCleaning
{
    /// <summary>Nothing: the tokenizer's own normalization is all (Hugging Face exports).</summary>
    None,

    /// <summary>Runs of white space become one space, none at the ends (immich's <c>clean_text</c>).</summary>
    Whitespace,

    /// <summary>As <see cref="Whitespace"/>, then ASCII punctuation removed and lower-cased (open_clip's <c>canonicalize</c>, SigLIP).</summary>
    Canonicalize,
}
