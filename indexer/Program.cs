using System.CommandLine;
using Retrieval.Indexer.Commands;

var root = new RootCommand("retrieval: search photo collections by what they show, with a CLIP-style model")
{
    TokenizeCommand.Create(),
    EmbedCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
