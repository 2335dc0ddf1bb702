using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Retrieval.Tests;

/// <summary>Files embedded in a NuGet package's assembly, read without loading it (its dependencies may clash with ours).</summary>
internal static class NuGetResources
{
    /// <summary>Writes resource <paramref name="resource"/> of <paramref name="assemblyPath"/> (relative to the NuGet package root) to <paramref name="destination"/>.</summary>
    public static void Extract(string assemblyPath, string resource, string destination)
    {
        var root = typeof(NuGetResources).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
        var path = Path.Combine(root, assemblyPath);
        Assert.True(File.Exists(path), $"'{path}' is missing: the test project downloads it on restore");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var entry = metadata.GetManifestResource(handle);
            if (metadata.GetString(entry.Name) != resource)
            {
                continue;
            }

            // Embedded resources follow each other in the CLI header's resources directory, each a 4-byte length and its bytes.
            var section = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
            var reader = section.GetReader((int)entry.Offset, section.Length - (int)entry.Offset);
            var length = reader.ReadInt32();
            File.WriteAllBytes(destination, reader.ReadBytes(length));
            return;
        }

        Assert.Fail($"'{path}' has no resource '{resource}'");
    }
}
