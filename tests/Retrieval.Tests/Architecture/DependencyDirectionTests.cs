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
        { "Catalog", "Keywords" }, { "Catalog", "Vectors" }, { "Catalog", "Duplicates" }, { "Catalog", "Models" },
        { "Keywords", "Catalog" }, { "Keywords", "Vectors" }, { "Keywords", "Duplicates" }, { "Keywords", "Models" },
        { "Vectors", "Catalog" }, { "Vectors", "Keywords" }, { "Vectors", "Duplicates" }, { "Vectors", "Models" },
        { "Models", "Backends" },
    };

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
