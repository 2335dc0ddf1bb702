namespace Retrieval.Analysis;

/// <summary>Which analyzers join the standard ones (configuration section <c>Retrieval:Analyzers</c>).</summary>
public sealed record AnalyzerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Retrieval:Analyzers";

    /// <summary>
    /// Paths of .NET assemblies whose public <see cref="IPhotoAnalyzer"/> types join every index run, after the standard
    /// analyzers (<c>Retrieval__Analyzers__Plugins__0=/opt/analyzers/MyAnalyzer.dll</c>). They run inside the engine with its
    /// rights: name only assemblies you trust.
    /// </summary>
    public IList<string> Plugins { get; } = [];
}
