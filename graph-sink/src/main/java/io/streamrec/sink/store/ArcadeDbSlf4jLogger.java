package io.streamrec.sink.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.IllegalFormatException;
import java.util.Locale;

/**
 * ArcadeDB's log calls, sent to SLF4J under the requester's class name, so that they follow the service's logging
 * configuration instead of ArcadeDB's own java.util.logging files. Messages are String.format patterns, formatted
 * only when the level is enabled.
 */
final class ArcadeDbSlf4jLogger implements com.arcadedb.log.Logger {
    /**
     * Logged at SEVERE on every start because the JavaScript engine is excluded on purpose (see the parent pom): an
     * expected state, not an error.
     */
    private static final String NO_POLYGLOT_LANGUAGES = "GraalVM Polyglot Engine: no languages found";

    @Override
    public void log(Object requester, java.util.logging.Level level, String message, Throwable exception,
                    String context, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6,
                    Object arg7, Object arg8, Object arg9, Object arg10, Object arg11, Object arg12, Object arg13,
                    Object arg14, Object arg15, Object arg16, Object arg17) {
        log(requester, level, message, exception, context, new Object[]{arg1, arg2, arg3, arg4, arg5, arg6, arg7,
                arg8, arg9, arg10, arg11, arg12, arg13, arg14, arg15, arg16, arg17});
    }

    @Override
    public void log(Object requester, java.util.logging.Level level, String message, Throwable exception,
                    String context, Object... args) {
        Logger logger = LoggerFactory.getLogger(loggerName(requester));
        Level target = NO_POLYGLOT_LANGUAGES.equals(message) ? Level.DEBUG : slf4jLevel(level);
        if (!logger.isEnabledForLevel(target)) {
            return;
        }
        LoggingEventBuilder event = logger.atLevel(target);
        if (context != null) {
            event = event.addKeyValue("database", context);
        }
        if (exception != null) {
            event = event.setCause(exception);
        }
        event.log(format(message, args));
    }

    @Override
    public void flush() {
        // SLF4J backends flush on their own
    }

    static Level slf4jLevel(java.util.logging.Level level) {
        int value = level == null ? java.util.logging.Level.INFO.intValue() : level.intValue();
        if (value >= java.util.logging.Level.SEVERE.intValue()) {
            return Level.ERROR;
        }
        if (value >= java.util.logging.Level.WARNING.intValue()) {
            return Level.WARN;
        }
        if (value >= java.util.logging.Level.INFO.intValue()) {
            return Level.INFO;
        }
        return value >= java.util.logging.Level.FINE.intValue() ? Level.DEBUG : Level.TRACE;
    }

    static String format(String message, Object... args) {
        if (message == null || args == null || args.length == 0) {
            return message;
        }
        try {
            return String.format(Locale.ROOT, message, args);
        } catch (IllegalFormatException e) {
            // a message that is not a pattern (a '%' in a path) is still worth reading as it is
            return message;
        }
    }

    private static String loggerName(Object requester) {
        if (requester instanceof Class<?> type) {
            return type.getName();
        }
        return requester == null ? "com.arcadedb" : requester.getClass().getName();
    }
}
