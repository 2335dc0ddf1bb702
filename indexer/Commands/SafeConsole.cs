using System.Text;
using Retrieval.Text;

namespace Retrieval.Cli.Commands;

/// <summary>
/// Every line the command prints passes through <see cref="TerminalText"/>: names and texts from a photo library are
/// untrusted, and a control character in one would act on the user's terminal. Installed once, before anything
/// prints; line feeds and tabs pass (the output's own layout, JSON included), and the few places that print a
/// library's text escape its line breaks too. Progress bars, which are this program's own escapes, write to
/// <see cref="RawError"/>.
/// </summary>
internal static class SafeConsole
{
    /// <summary>Standard error as it was, for the progress display's own control sequences.</summary>
    public static TextWriter RawError { get; private set; } = Console.Error;

    /// <summary>Wraps standard output and standard error.</summary>
    public static void Install()
    {
        RawError = Console.Error;
        Console.SetOut(new EscapingWriter(Console.Out));
        Console.SetError(new EscapingWriter(Console.Error));
    }

    /// <summary><paramref name="text"/> from the library, for one line of output: line breaks escaped too.</summary>
    public static string Line(string? text) => text is null ? "" : TerminalText.Escape(text);

    private sealed class EscapingWriter(TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (value is not null)
            {
                inner.Write(TerminalText.Escape(value, keepLineBreaks: true));
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(ReadOnlySpan<char> buffer) => Write(buffer.ToString());

        public override void WriteLine(string? value)
        {
            Write(value);
            inner.WriteLine();
        }

        public override void Flush() => inner.Flush();
    }
}
