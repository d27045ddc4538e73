using System.CommandLine;
using System.IO;

namespace HevLayer.Cli;

/// <summary><c>hevlayer schema</c>: prints a JSON Schema for YAML editors.</summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter stdout)
    {
        var name = new Argument<string>("KIND") { Description = "infrarules, pipeline or function." };
        name.AcceptOnlyFromAmong("infrarules", "pipeline", "function");
        var command = new Command("schema", "Print the JSON Schema (draft-07) of InfraRules, Pipeline or Function as HevLayer understands them, for yaml-language-server and other YAML editors. The same files are in the package's schemas/ folder.")
        {
            name,
        };
        command.SetAction(parsed =>
        {
            stdout.Write(Schemas.Text((System.Text.Json.Nodes.JsonObject)Schemas.All()[parsed.GetValue(name) + ".schema.json"]));
            return Program.Clean;
        });
        return command;
    }
}
