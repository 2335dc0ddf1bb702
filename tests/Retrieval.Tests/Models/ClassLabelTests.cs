using Retrieval.Errors;
using Retrieval.Models;
using Retrieval.Testing;

namespace Retrieval.Tests.Models;

/// <summary>class_labels.txt: its format, and that a model folder with one needs the vision output it describes.</summary>
public sealed class ClassLabelTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-labels-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void ReadFolder_ParsesNamesAndBroaderTerms_AndNullWithoutTheFile()
    {
        Assert.Null(ClassLabel.ReadFolder(_folder.FullName));
        File.WriteAllText(Path.Combine(_folder.FullName, ClassLabel.FileName), "tabby\tcat\npickup\tcar, truck\nabacus\n");
        var labels = ClassLabel.ReadFolder(_folder.FullName)!;
        Assert.Equal(["tabby", "pickup", "abacus"], labels.Select(l => l.Name));
        Assert.Equal(["car", "truck"], labels[1].BroaderTerms);
        Assert.Empty(labels[2].BroaderTerms);
    }

    [Fact]
    public void ReadFolder_RefusesAnEmptyLine_NamingIt()
    {
        var path = Path.Combine(_folder.FullName, ClassLabel.FileName);
        File.WriteAllText(path, "tabby\n\nabacus\n");
        var error = Assert.Throws<ModelLoadException>(() => ClassLabel.ReadFolder(_folder.FullName));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RefusesLabelsTheVisionGraphDoesNotScore()
    {
        var model = Path.Combine(_folder.FullName, "model");
        TestFiles.CopyTree(RepositoryPaths.TinyModel, model);

        File.WriteAllText(Path.Combine(model, ClassLabel.FileName), "tabby\nabacus\n");
        var error = Assert.Throws<ModelLoadException>(() => TestModels.Load(model));
        Assert.Contains("class_probabilities", error.Message, StringComparison.Ordinal);
    }
}
