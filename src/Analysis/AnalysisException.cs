namespace Retrieval.Analysis;

/// <summary>An analyzer could not analyse a photo: the photo is marked failed with <see cref="Exception.Message"/> as the reason.</summary>
public sealed class AnalysisException : Exception
{
    /// <summary>A failure described by <paramref name="reason"/>.</summary>
    public AnalysisException(string reason, Exception inner)
        : base(reason, inner)
    {
    }

    /// <summary>A failure with no reason given.</summary>
    public AnalysisException()
        : base("the photo could not be analysed")
    {
    }

    /// <summary>A failure described by <paramref name="reason"/>.</summary>
    public AnalysisException(string reason)
        : base(reason)
    {
    }
}
