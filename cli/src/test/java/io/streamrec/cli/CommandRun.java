package io.streamrec.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs a {@code streamrec} command line in-process against a config file, capturing its exit code and output. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun run(Path configFile, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Streamrec.commandLine()
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = configFile.toString();
        int exitCode = commandLine.execute(withConfig);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    static Path configFile(Path dir, Map<String, String> settings) throws IOException {
        return Files.writeString(dir.resolve("streamrec.properties"), settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
    }
}
