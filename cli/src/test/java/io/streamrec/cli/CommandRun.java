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
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = configFile.toString();
        return withoutConfig(withConfig);
    }

    /** For commands that talk to none of Kafka, etcd or the registry, so take no {@code --config}. */
    static CommandRun withoutConfig(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Streamrec.commandLine()
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    static Path configFile(Path dir, Map<String, String> settings) throws IOException {
        return Files.writeString(dir.resolve("streamrec.properties"), settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
    }
}
