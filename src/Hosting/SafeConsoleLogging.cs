using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Retrieval.Text;

namespace Retrieval.Hosting;

/// <summary>
/// Console logging whose lines carry no control characters from their messages: log messages name files, captions and
/// request paths, all of which can come from a hostile library or client, and a terminal (or a log viewer) acts on an
/// escape sequence instead of showing it. One line per entry: <c>level: category[event] message</c>; an exception
/// follows on its own lines.
/// </summary>
public static class SafeConsoleLogging
{
    /// <summary>Adds the console logger with the escaping format; <paramref name="standardError"/> sends every level to stderr (the CLI's stdout is its output).</summary>
    public static ILoggingBuilder AddSafeConsole(this ILoggingBuilder logging, bool standardError = false)
    {
        ArgumentNullException.ThrowIfNull(logging);
        return logging
            .AddConsole(options =>
            {
                options.FormatterName = EscapingFormatter.Name;
                if (standardError)
                {
                    options.LogToStandardErrorThreshold = LogLevel.Trace;
                }
            })
            .AddConsoleFormatter<EscapingFormatter, ConsoleFormatterOptions>();
    }

    private sealed class EscapingFormatter() : ConsoleFormatter(Name)
    {
        public new const string Name = "escaped";

        public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
        {
            var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
            if (message is null && logEntry.Exception is null)
            {
                return;
            }

            textWriter.Write(Level(logEntry.LogLevel));
            textWriter.Write(": ");
            textWriter.Write(logEntry.Category);
            textWriter.Write('[');
            textWriter.Write(logEntry.EventId.Id);
            textWriter.Write("] ");
            textWriter.Write(TerminalText.Escape(message ?? ""));
            if (logEntry.Exception is { } exception)
            {
                textWriter.Write(Environment.NewLine);
                textWriter.Write(TerminalText.Escape(exception.ToString(), keepLineBreaks: true));
            }

            textWriter.Write(Environment.NewLine);
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            LogLevel.Critical => "crit",
            _ => "none",
        };
    }
}
