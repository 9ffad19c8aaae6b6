using System.Text;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>A <see cref="TextWriter"/> onto the ramp's console, so that System.CommandLine's own messages
/// (help, parse errors) go where every other message goes, as they are (already laid out: not re-wrapped).</summary>
internal sealed class ConsoleTextWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => console.Profile.Out.Writer.Encoding;

    public override void Write(char value) => console.Profile.Out.Writer.Write(value);

    public override void Write(string? value) => console.Profile.Out.Writer.Write(value);

    public override void WriteLine(string? value) => console.Profile.Out.Writer.WriteLine(value);

    public override void Flush() => console.Profile.Out.Writer.Flush();
}
