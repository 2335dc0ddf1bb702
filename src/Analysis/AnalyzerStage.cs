namespace Retrieval.Analysis;

/// <summary>Where an analyzer does its work in an index run.</summary>
public enum AnalyzerStage
{
    /// <summary>On the reading threads, photo by photo, from the one decode (pixel signatures, text in photos).</summary>
    Read,

    /// <summary>
    /// On the one encoder thread, a batch of photos at a time (a model's encoders): it prepares each photo's input on
    /// the reading threads, and runs the batch while the next one is read.
    /// </summary>
    Encode,
}
