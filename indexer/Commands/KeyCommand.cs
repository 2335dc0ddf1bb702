using System.Buffers.Text;
using System.CommandLine;
using System.Security.Cryptography;

namespace Retrieval.Cli.Commands;

/// <summary>
/// <c>retrieval key new</c>: a fresh API key for the query server (<c>Retrieval:Server:ApiKey</c>) on stdout: 32 random
/// bytes, base64url (43 characters), far beyond the 16 characters the server insists on and beyond guessing.
/// </summary>
internal static class KeyCommand
{
    public static Command Create()
    {
        var create = new Command("new", "Print a fresh random API key (32 bytes, base64url) for Retrieval:Server:ApiKey");
        create.SetAction(_ =>
        {
            Console.WriteLine(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));
            return ExitCodes.Ok;
        });
        return new Command("key", "Make API keys for the query server") { create };
    }
}
