using System.IO.Compression;

namespace GuaGou.Infrastructure.Parcels.Gdal;

/// <summary>The parts of one shapefile taken out of an upload: extension (".shp", ".dbf", …, lower case) → bytes.</summary>
internal sealed record ZippedShapefile(string Name, IReadOnlyDictionary<string, byte[]> Parts);

/// <summary>
/// Takes the one shapefile out of an uploaded .zip without trusting it: entry paths with ".." or an absolute path
/// (zip slip) reject the whole archive, the uncompressed size is capped (zip bombs), and only the shapefile's own
/// parts are read — into memory, to be written under fixed names, so no entry name ever becomes a path on disk.
/// </summary>
internal static class ShapefileZip
{
    public const long MaxUncompressedBytes = 200L * 1024 * 1024;
    private const int MaxEntries = 10_000;
    private static readonly string[] PartExtensions = [".shp", ".shx", ".dbf", ".prj", ".cpg"];

    public static (ZippedShapefile? Shapefile, string? Error) Extract(byte[] content)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxEntries)
            {
                return (null, $"压缩包中的文件过多（{archive.Entries.Count} 个），请只打包 Shapefile 的各个文件。");
            }

            if (archive.Entries.FirstOrDefault(e => IsUnsafe(e.FullName)) is { } unsafeEntry)
            {
                return (null, $"压缩包中的文件路径不安全（{unsafeEntry.FullName}），已拒绝整个压缩包；请只打包 Shapefile 的各个文件后重新上传。");
            }

            if (archive.Entries.Sum(e => e.Length) > MaxUncompressedBytes)
            {
                return (null, $"压缩包解压后超过 {MaxUncompressedBytes / 1024 / 1024} MB，无法导入。");
            }

            // Folders, and the resource forks macOS adds when zipping, are not files of the shapefile.
            var files = archive.Entries
                .Where(e => !e.FullName.EndsWith('/') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) && !e.Name.StartsWith("._", StringComparison.Ordinal))
                .ToList();
            var shapes = files.Where(e => e.Name.EndsWith(".shp", StringComparison.OrdinalIgnoreCase)).ToList();
            if (shapes.Count != 1)
            {
                var listed = string.Join("、", (shapes.Count == 0 ? files : shapes).Take(20).Select(e => e.FullName));
                return (null, shapes.Count == 0
                    ? $"压缩包中没有 .shp 文件（压缩包内容：{(listed.Length == 0 ? "空" : listed)}）。.zip 只用于 Shapefile（同名的 .shp、.shx、.dbf、.prj 及 .cpg 文件）；GeoPackage、KML、DXF、GeoJSON 文件请直接上传。"
                    : $"压缩包中有 {shapes.Count} 个 .shp 文件（{listed}），一次只能导入一个 Shapefile；请分别压缩后上传。");
            }

            var stem = shapes[0].FullName[..^4];
            var parts = new Dictionary<string, byte[]>();
            long total = 0;
            foreach (var extension in PartExtensions)
            {
                var entry = files.FirstOrDefault(e => e.FullName.Equals(stem + extension, StringComparison.OrdinalIgnoreCase));
                if (entry is null)
                {
                    if (extension is ".shx" or ".dbf")
                    {
                        return (null, $"压缩包中缺少 {Path.GetFileName(stem)}{extension}：Shapefile 至少需要同名的 .shp、.shx 和 .dbf 文件"
                            + $"（压缩包内容：{string.Join("、", files.Take(20).Select(e => e.FullName))}）。");
                    }

                    continue;
                }

                var bytes = ReadCapped(entry, MaxUncompressedBytes - total);
                if (bytes is null)
                {
                    return (null, $"压缩包解压后超过 {MaxUncompressedBytes / 1024 / 1024} MB，无法导入。");
                }

                total += bytes.Length;
                parts[extension] = bytes;
            }

            return (new ZippedShapefile(Path.GetFileName(shapes[0].FullName), parts), null);
        }
        catch (InvalidDataException)
        {
            return (null, "压缩包已损坏或不是 .zip 格式，无法解压。");
        }
    }

    private static bool IsUnsafe(string fullName)
    {
        var name = fullName.Replace('\\', '/');
        return name.StartsWith('/') || name.Contains(':', StringComparison.Ordinal)
            || name.Split('/').Any(segment => segment == "..");
    }

    /// <summary>The declared sizes in the central directory can lie; count what actually comes out.</summary>
    private static byte[]? ReadCapped(ZipArchiveEntry entry, long limit)
    {
        using var source = entry.Open();
        using var target = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (target.Length + read > limit)
            {
                return null;
            }

            target.Write(buffer, 0, read);
        }

        return target.ToArray();
    }
}
