using System.Text;

namespace BlueGreen.Release.StackFiles;

/// <summary>
/// Reads and writes a stack file's text without changing a byte that an edit did not mean to change:
/// a file that is valid UTF-8 is read and written as UTF-8 (keeping a byte-order mark it has); one that
/// is not (a stray Latin-1 byte in a comment) is read and written byte for byte (as Latin-1), so the
/// bytes around an edited line come back exactly as they were.
/// </summary>
public static class StackFileText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text.</summary>
    /// <exception cref="StackFileException">The file is missing, is a directory, or cannot be read; says which.</exception>
    public static string Read(string path)
    {
        var bytes = ReadBytes(path);
        return Decode(bytes, out _);
    }

    /// <summary>Replaces the file's text with <paramref name="text"/> in the encoding the file was read in.</summary>
    /// <exception cref="StackFileException">The file cannot be written (read-only, a directory, no permission); nothing was changed.</exception>
    public static void Write(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _ = Decode(ReadBytes(path), out var encoding);
        var preamble = encoding.GetPreamble();
        var body = encoding.GetBytes(text);
        if (encoding is not UTF8Encoding && !encoding.GetString(body).Equals(text, StringComparison.Ordinal))
        {
            throw new StackFileException(path, 0, "is not valid UTF-8, and the edit adds characters it cannot hold byte for byte; fix the file's encoding first");
        }

        try
        {
            if (new FileInfo(path).IsReadOnly)
            {
                throw new UnauthorizedAccessException("the file is read-only");
            }

            File.WriteAllBytes(path, [.. preamble, .. body]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StackFileException(path, 0, $"cannot be written ({e.Message}); nothing was changed — make it writable and run the command again");
        }
    }

    private static byte[] ReadBytes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new StackFileException(path, 0, "is a directory, not a stack file");
        }

        if (!File.Exists(path))
        {
            throw new StackFileException(path, 0, "no such stack file");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StackFileException(path, 0, $"cannot be read ({e.Message})");
        }
    }

    private static string Decode(byte[] bytes, out Encoding encoding)
    {
        var bom = bytes is [0xEF, 0xBB, 0xBF, ..];
        try
        {
            var text = StrictUtf8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
            encoding = new UTF8Encoding(bom);
            return text;
        }
        catch (DecoderFallbackException)
        {
            encoding = Encoding.Latin1;
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
