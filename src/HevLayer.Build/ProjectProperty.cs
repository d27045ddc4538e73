using System;
using System.IO;
using System.Xml;

namespace HevLayer.Build;

/// <summary>Where a project file sets a property, so a build error about its value can point there.</summary>
internal static class ProjectProperty
{
    /// <summary>
    /// The line and column of the last <c>&lt;<paramref name="name"/>&gt;</c> element in <paramref name="projectPath"/>
    /// (the last one set wins in MSBuild; comments are skipped), or (0, 0) when the file does not set it or
    /// cannot be read. Conditions are not evaluated, and a value from an imported file is not looked for.
    /// </summary>
    public static (int Line, int Column) Locate(string projectPath, string name)
    {
        try
        {
            using var reader = XmlReader.Create(projectPath, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
            var info = (IXmlLineInfo)reader;
            var found = (0, 0);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && string.Equals(reader.LocalName, name, StringComparison.OrdinalIgnoreCase))
                {
                    found = (info.LineNumber, info.LinePosition - 1);
                }
            }

            return found;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            return (0, 0);
        }
    }
}
