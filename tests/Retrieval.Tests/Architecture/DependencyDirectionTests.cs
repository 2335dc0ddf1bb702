using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Retrieval.Tests.Architecture;

/// <summary>
/// Dependencies point one way: the stores (catalog, keywords, vectors) know nothing of each other, of the models or of
/// the features that fill them (near-duplicates), so each can be replaced by another engine on its own; the models know
/// no backend. Read from the compiled assembly (every reference in signatures and method bodies).
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly ArchUnitNET.Domain.Architecture Engine = new ArchLoader().LoadAssemblies(typeof(Retrieval.Catalog.CatalogDb).Assembly).Build();

    public static TheoryData<string, string> Forbidden => new()
    {
        { "Catalog", "Keywords" }, { "Catalog", "Vectors" }, { "Catalog", "Duplicates" }, { "Catalog", "Models" }, { "Catalog", "Analysis" }, { "Catalog", "Embedding" },
        { "Keywords", "Catalog" }, { "Keywords", "Vectors" }, { "Keywords", "Duplicates" }, { "Keywords", "Models" }, { "Keywords", "Analysis" },
        { "Vectors", "Catalog" }, { "Vectors", "Keywords" }, { "Vectors", "Duplicates" }, { "Vectors", "Models" }, { "Vectors", "Analysis" },
        { "Models", "Backends" }, { "Models", "Analysis" },
        { "Analysis", "Models" }, { "Analysis", "Ocr" }, { "Analysis", "Faces" }, { "Analysis", "Duplicates" }, { "Analysis", "Embedding" }, { "Analysis", "Indexing" },
    };

    /// <summary>
    /// The indexing pipeline runs whatever analyzers it is given: it, the chunk commit and the records that carry a photo
    /// through it (the analysis bag, the reading stage) name no capability — no model, text or face reader, signature or tag maker.
    /// </summary>
    public static TheoryData<string> PipelineTypes => ["IndexingPipeline", "ChunkCommit", "PhotoPreparer", "KeywordDocuments", "PhotoAnalysis"];

    [Theory]
    [MemberData(nameof(PipelineTypes))]
    public void ThePipeline_NamesNoCapability(string type)
    {
        var rule = Types().That().HaveNameStartingWith(type)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Retrieval\.(Models|Ocr|Faces|Duplicates|Embedding)(\..+)?$");

        var results = rule.Evaluate(Engine).ToList();

        Assert.NotEmpty(results); // the type exists, so the rule judged something
        Assert.True(results.All(r => r.Passed), $"{type} names a capability:\n{string.Join('\n', results.Where(r => !r.Passed).Select(r => r.Description))}");
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void AnAreaNeverUses_TheAreasItMustNotKnow(string area, string forbidden)
    {
        var rule = Types().That().ResideInNamespaceMatching(Area(area))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(Area(forbidden));

        var results = rule.Evaluate(Engine).Where(r => !r.Passed).Select(r => r.Description).ToList();

        Assert.True(results.Count == 0, $"Retrieval.{area} uses Retrieval.{forbidden}:\n{string.Join('\n', results)}");
    }

    [Fact]
    public void TheRuleSeesAViolation()
    {
        // Indexing does use the catalog: the same rule written the other way round must fail, or the rule checks nothing.
        var rule = Types().That().ResideInNamespaceMatching(Area("Indexing")).Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(Area("Catalog"));
        Assert.Contains(rule.Evaluate(Engine), r => !r.Passed);
    }

    /// <summary>The namespace of an area and those below it (Retrieval.Vectors.Kernels is the vectors').</summary>
    private static string Area(string name) => $@"^Retrieval\.{name}(\..+)?$";
}
