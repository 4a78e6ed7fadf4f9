package io.streamrec.cli;

import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/**
 * The commands' progress bars, in one style: ASCII, with a unit and the speed. On a terminal the bar is redrawn in
 * place; otherwise (a pipe, a log file, a test) it goes to the command's error stream as one line every few seconds,
 * so that an hour-long run leaves a readable log instead of a stream of carriage returns.
 */
final class ProgressBars {
    private static final int TERMINAL_UPDATE_MS = 250;
    /** As often as {@code simulate} used to print its counts. */
    private static final int LOG_UPDATE_MS = 5000;
    private static final int LOG_LINE_WIDTH = 120;

    private ProgressBars() {
    }

    /** A builder in the house style; the caller sets the max (or leaves it unknown) and builds. */
    static ProgressBarBuilder builder(String task, String unit, PrintWriter err) {
        // Java sees no console as soon as stdin or stdout is redirected: then the output is likely kept, so be brief
        return builder(task, unit, err, System.console() != null);
    }

    static ProgressBarBuilder builder(String task, String unit, PrintWriter err, boolean terminal) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, 1).showSpeed();
        // on a terminal the library's own console handling knows the width and how to redraw
        return terminal ? builder.setUpdateIntervalMillis(TERMINAL_UPDATE_MS)
                : builder.setUpdateIntervalMillis(LOG_UPDATE_MS).setConsumer(new LogLines(err));
    }

    /** Each render as its own line, except a repeat of the last one (the library renders twice when it closes). */
    private static final class LogLines implements ProgressBarConsumer {
        private final PrintWriter err;
        private String last = "";

        LogLines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int getMaxRenderedLength() {
            return LOG_LINE_WIDTH;
        }

        @Override
        public synchronized void accept(String rendered) {
            if (!rendered.equals(last)) {
                err.println(rendered);
                err.flush();
                last = rendered;
            }
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
