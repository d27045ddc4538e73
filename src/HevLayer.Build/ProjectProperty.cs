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

/// <summary>Where a project file declares an item, so a build error about it can point there.</summary>
internal static class ProjectItems
{
    /// <summary>
    /// The line and column of the <paramref name="occurrence"/>-th (0-based) <c>&lt;<paramref name="itemType"/>&gt;</c>
    /// element whose <c>Include</c> lists <paramref name="include"/>, or (0, 0) when none is found (an imported file,
    /// a wildcard, a property in the Include).
    /// </summary>
    public static (int Line, int Column) Locate(string projectPath, string itemType, string include, int occurrence)
    {
        try
        {
            using var reader = System.Xml.XmlReader.Create(projectPath, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
            var info = (System.Xml.IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType == System.Xml.XmlNodeType.Element && string.Equals(reader.LocalName, itemType, StringComparison.OrdinalIgnoreCase))
                {
                    var (line, column) = (info.LineNumber, info.LinePosition - 1);
                    var listed = (reader.GetAttribute("Include") ?? string.Empty).Split(';');
                    foreach (var name in listed)
                    {
                        if (string.Equals(name.Trim(), include, StringComparison.Ordinal) && occurrence-- == 0)
                        {
                            return (line, column);
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
        }

        return (0, 0);
    }

    /// <summary>Where the project file sets <paramref name="property"/> (see <see cref="ProjectProperty.Locate"/>).</summary>
    public static (int Line, int Column) LocateProperty(string projectPath, string property) =>
        string.IsNullOrEmpty(projectPath) ? (0, 0) : ProjectProperty.Locate(projectPath, property);
}
