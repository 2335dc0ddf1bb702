namespace Retrieval.Web.Tests;

/// <summary>The test classes that share one <see cref="BrowseServer"/>: the timeline and map APIs and the page's browse views.</summary>
[CollectionDefinition(Name)]
public sealed class BrowseLibrary : ICollectionFixture<BrowseServer>
{
    public const string Name = "browse library";
}
